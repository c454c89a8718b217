import type { Page } from 'playwright-core'
import { describe, expect, inject, it } from 'vitest'
import { imageBytes } from '../fixtures/images'
import { axe, describeViolations, signIn, submit, useBrowser } from './browser'

const withPage = useBrowser()
// A change shows on every public page within this long (each isolate re-reads the content version every 5 s).
const freshnessBudgetMs = 10_000

/** Polls a public address until `check` holds for its answer, or fails once the budget is spent. */
async function eventually(path: string, check: (response: Response, text: string) => boolean, what: string): Promise<void> {
  const deadline = Date.now() + freshnessBudgetMs
  for (;;) {
    const response = await fetch(new URL(path, inject('baseUrl')), { redirect: 'manual' })
    if (check(response, await response.text())) return
    if (Date.now() > deadline) throw new Error(`${path}: ${what} not seen within ${freshnessBudgetMs / 1000} s (last status ${response.status})`)
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
}

const editPath = (page: Page) => new URL(page.url()).pathname

describe('the practitioner publishes an article, with JavaScript off', () => {
  it('writes it with an image, previews, publishes, edits, restores, renames and archives it; every public page follows within 10 s', async () => {
    const stamp = Date.now().toString(36)
    const title = `Needling and sleep ${stamp}`
    const slug = `needling-and-sleep-${stamp}`
    const editorPages: string[] = []

    await withPage({ javaScriptEnabled: false }, async (page) => {
      await page.goto('/admin')
      await signIn(page)
      await page.goto('/admin/articles')
      editorPages.push('/admin/articles')
      await page.getByRole('link', { name: 'New article' }).click()
      editorPages.push(editPath(page))
      await page.locator('#f-title').fill(title)
      await page.locator('#f-description').fill('How a short course of acupuncture fitted around a busy week can help people who sleep badly.')
      await page.locator('#f-tags').fill('sleep, acupuncture')
      await page.locator('#f-body').fill('Many patients ask whether acupuncture helps them sleep.\n\nThis is what we see in the clinic.\n')
      expect(await submit(page, 'Save as draft')).toBe(200)
      expect(page.url()).toContain('?done=saved')
      const articlePath = editPath(page)
      editorPages.push(articlePath)

      await page.locator('#f-image').setInputFiles({ name: 'needles.png', mimeType: 'image/png', buffer: Buffer.from(imageBytes('png')) })
      await page.getByLabel(/Alt text/).fill('Fine needles on a treatment tray')
      expect(await submit(page, 'Upload image')).toBe(200)
      expect(await page.getByRole('status').innerText()).toContain('Image added at the end')
      expect(await page.locator('#f-body').inputValue()).toMatch(/!\[Fine needles on a treatment tray\]\(\/images\/[0-9a-f]{64}\.png\)/)
      expect(await submit(page, 'Save')).toBe(200)

      await page.getByRole('link', { name: 'Preview', exact: true }).click()
      editorPages.push(editPath(page))
      expect(await page.locator('main').innerText()).toContain('Preview: not published.')
      const image = page.locator('main img[src^="/images/"]')
      expect(await image.getAttribute('width')).toBe('3')
      expect(await image.getAttribute('height')).toBe('2')
      expect((await fetch(new URL(`/articles/${slug}`, inject('baseUrl')))).status).toBe(404)

      await page.goto(articlePath)
      expect(await submit(page, 'Publish now')).toBe(200)
      await eventually('/articles', (response, text) => response.status === 200 && text.includes(title), 'the article on the index')
      await eventually('/sitemap.xml', (_, text) => text.includes(`/articles/${slug}</loc>`), 'the article in the sitemap')
      await eventually('/feed.xml', (_, text) => text.includes(title), 'the article in the feed')

      await page.goto(articlePath)
      const body = page.locator('#f-body')
      await body.fill(`${await body.inputValue()}\nA paragraph added after publishing.\n`)
      expect(await submit(page, 'Save')).toBe(200)
      await eventually(`/articles/${slug}`, (_, text) => text.includes('A paragraph added after publishing.'), 'the edit on the public page')

      await page.goto(`${articlePath}/revisions`)
      editorPages.push(editPath(page))
      await page.getByRole('link', { name: '1', exact: true }).click()
      editorPages.push(editPath(page))
      expect(await submit(page, 'Restore revision 1')).toBe(200)
      await eventually(
        `/articles/${slug}`,
        (response, text) => response.status === 200 && !text.includes('A paragraph added after publishing.') && !text.includes('/images/'),
        'revision 1 on the public page',
      )

      await page.goto(articlePath)
      await page.locator('#f-slug').fill(`${slug}-renamed`)
      expect(await submit(page, 'Save')).toBe(200)
      await eventually(
        `/articles/${slug}`,
        (response) => response.status === 301 && response.headers.get('Location')?.endsWith(`/articles/${slug}-renamed`) === true,
        'the old address redirecting',
      )
      await eventually(
        '/sitemap.xml',
        (_, text) => text.includes(`/articles/${slug}-renamed</loc>`) && !text.includes(`/articles/${slug}</loc>`),
        'only the new address in the sitemap',
      )

      await page.goto(articlePath)
      expect(await submit(page, 'Archive')).toBe(200)
      await eventually(`/articles/${slug}-renamed`, (response) => response.status === 410, 'the archived article answering 410')
      await eventually('/articles', (_, text) => !text.includes(title), 'the archived article gone from the index')
    })

    // axe runs as script in the page: the editor's pages are checked again in a context with JavaScript on.
    await withPage({}, async (page) => {
      await page.goto('/admin')
      await signIn(page)
      for (const path of [...editorPages, '/admin/images']) {
        expect((await page.goto(path))?.status(), path).toBe(200)
        expect(describeViolations(await axe(page)), path).toEqual([])
      }
    })
  }, 180_000)
})
