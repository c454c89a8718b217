import { mkdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { Page } from 'playwright-core'
import { beforeAll, describe, expect, it } from 'vitest'
import { axe, expectNoAxeViolations, useBrowser } from './browser'

const articlePath = '/articles/low-back-pain-relief-acupuncture'
const articleTitle = 'Effective Low Back Pain Relief with Acupuncture'
const screenshotDir = fileURLToPath(new URL('../../test-results/screenshots/', import.meta.url))

const pages = [
  { name: 'home', path: '/', status: 200 },
  { name: 'articles', path: '/articles', status: 200 },
  { name: 'article', path: articlePath, status: 200 },
  { name: 'about', path: '/about', status: 200 },
  { name: 'privacy', path: '/privacy', status: 200 },
  { name: 'not-found', path: '/no-such-page-e2e', status: 404 },
]

const withPage = useBrowser()

beforeAll(() => {
  mkdirSync(screenshotDir, { recursive: true })
})

const visit = async (page: Page, path: string, status: number): Promise<void> => {
  const response = await page.goto(path)
  expect(response?.status(), `status of ${path}`).toBe(status)
}

describe('reading an article', () => {
  it('follows the home page link to the low back pain article and shows its references', () =>
    withPage({}, async (page) => {
      await visit(page, '/', 200)
      await page.getByRole('link', { name: articleTitle, exact: true }).click()
      await page.waitForURL(`**${articlePath}`)

      expect(new URL(page.url()).pathname).toBe(articlePath)
      expect(await page.locator('h1').allTextContents()).toEqual([articleTitle])
      const references = page.getByRole('region', { name: 'References' })
      expect(await references.isVisible()).toBe(true)
      expect(await references.locator('li').count()).toBe(2)
      expect(await references.getByRole('link', { name: 'doi:10.1002/14651858.CD013814' }).getAttribute('href')).toBe(
        'https://doi.org/10.1002/14651858.CD013814',
      )
    }))
})

describe.each([375, 1280])('layout at %i px wide', (width) => {
  it.each(pages)('$name page has no horizontal scroll and body text of at least 16 px', ({ name, path, status }) =>
    withPage({ viewport: { width, height: 800 } }, async (page) => {
      await visit(page, path, status)
      const layout = await page.evaluate(() => ({
        // An unstyled page would pass the other checks trivially.
        styled: [...document.styleSheets].some((sheet) => sheet.href?.includes('/site.css') && sheet.cssRules.length > 0),
        scrollWidth: document.documentElement.scrollWidth,
        innerWidth: window.innerWidth,
        bodyFontPx: Number.parseFloat(getComputedStyle(document.body).fontSize),
      }))
      await page.screenshot({ path: `${screenshotDir}${name}-${width}.png`, fullPage: true })

      expect(layout.styled).toBe(true)
      expect(layout.innerWidth).toBe(width)
      expect(layout.scrollWidth).toBeLessThanOrEqual(layout.innerWidth)
      expect(layout.bodyFontPx).toBeGreaterThanOrEqual(16)
    }),
  )
})

describe('accessibility (axe-core, WCAG 2.2 AA)', () => {
  it.each(pages)('$name page has no violations', ({ path, status }) =>
    withPage({}, async (page) => {
      await visit(page, path, status)
      await expectNoAxeViolations(page)
    }),
  )

  it('reports an image without alt text, so the empty results above mean something', () =>
    withPage({}, async (page) => {
      await visit(page, '/about', 200)
      await page.evaluate(() => {
        const image = document.createElement('img')
        image.src = '/favicon.svg'
        document.querySelector('main')?.append(image)
      })
      expect((await axe(page)).map((violation) => violation.id)).toContain('image-alt')
    }))
})

describe('without JavaScript', () => {
  it('renders the article and navigates to About', () =>
    withPage({ javaScriptEnabled: false }, async (page) => {
      await visit(page, articlePath, 200)
      expect(await page.locator('h1').textContent()).toBe(articleTitle)
      expect(await page.getByRole('heading', { name: 'The Many Faces of Low Back Pain' }).isVisible()).toBe(true)
      expect(await page.getByRole('region', { name: 'References' }).isVisible()).toBe(true)

      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'About', exact: true }).click()
      await page.waitForURL('**/about')
      expect(new URL(page.url()).pathname).toBe('/about')
      expect(await page.locator('h1').textContent()).toMatch(/^About /)
    }))
})

describe('keyboard', () => {
  it('focuses a visible "Skip to main content" link on the first Tab, which moves focus to main', () =>
    withPage({}, async (page) => {
      await visit(page, '/', 200)
      await page.keyboard.press('Tab')
      const focused = page.locator(':focus')
      expect(await focused.textContent()).toBe('Skip to main content')
      const box = await focused.boundingBox()
      expect(box?.y).toBeGreaterThanOrEqual(0)

      await page.keyboard.press('Enter')
      await page.waitForURL('**/#main')
      expect(await page.locator(':focus').getAttribute('id')).toBe('main')
    }))
})
