import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import type { AxeResults, Result } from 'axe-core'
import { type Browser, type BrowserContextOptions, type Cookie, chromium, type Page } from 'playwright-core'
import { afterAll, beforeAll, expect, inject } from 'vitest'
import { minimumFillMs } from '../../src/platform/form-token'

const chromiumArgs = [
  // The test runs as root in a container, where Chromium's sandbox cannot start.
  '--no-sandbox',
  '--disable-gpu',
  // Without these, Chromium keeps retrying Google services on a machine with no network.
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

/** Launches the system's Chromium; playwright-core never downloads one. */
const launchBrowser = (): Promise<Browser> => {
  const executablePath = process.env.CHROME_PATH ?? '/usr/bin/chromium'
  if (!existsSync(executablePath)) {
    throw new Error(
      `No browser at ${executablePath}. Install one with \`apt-get install chromium\` (Debian), or set CHROME_PATH to a Chrome or Chromium binary.`,
    )
  }
  return chromium.launch({ executablePath, args: chromiumArgs })
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')
const wcagTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']

/**
 * Runs axe-core on the page as loaded, under the site's real CSP: `script-src 'none'`
 * refuses script tags, but code evaluated through the DevTools protocol is not
 * subject to it, so no `bypassCSP` context is needed.
 */
export const axe = async (page: Page): Promise<Result[]> => {
  await page.evaluate(axeSource)
  const results = await page.evaluate(
    (values) =>
      (window as unknown as { axe: { run: (context: Document, options: object) => Promise<AxeResults> } }).axe.run(document, {
        runOnly: { type: 'tag', values },
      }),
    wcagTags,
  )
  return results.violations
}

/** One line per failing element, so an assertion failure says what to fix and where. */
export const describeViolations = (violations: readonly Result[]): string[] =>
  violations.flatMap((violation) =>
    violation.nodes.map((node) => `${violation.id} (${violation.impact}) at ${node.target.join(' ')}: ${violation.help} (${violation.helpUrl})`),
  )

export async function expectNoAxeViolations(page: Page): Promise<void> {
  expect(describeViolations(await axe(page))).toEqual([])
}

export type WithPage = (options: BrowserContextOptions, run: (page: Page) => Promise<void>) => Promise<void>

/**
 * One browser for the test file, closed after it. Each call of the returned
 * function gets its own context (no cache, cookies or viewport carried over)
 * pointed at the local server.
 */
let nextClient = Math.floor(Math.random() * 250)

export function useBrowser(): WithPage {
  let browser: Browser | undefined
  beforeAll(async () => {
    browser = await launchBrowser()
  })
  afterAll(async () => {
    await browser?.close()
  })
  return async (options, run) => {
    if (!browser) throw new Error('the browser is not running')
    // Each context is its own device: a client address of its own, as Cloudflare would give it (the local
    // server keeps a CF-Connecting-IP it is sent), so per-client limits apply per patient, not per test run.
    const clientAddress = { 'CF-Connecting-IP': `198.51.100.${nextClient++ % 250}`, ...options.extraHTTPHeaders }
    const context = await browser.newContext({ baseURL: inject('baseUrl'), ...options, extraHTTPHeaders: clientAddress })
    try {
      await run(await context.newPage())
    } finally {
      await context.close()
    }
  }
}

/** People take longer than the bot threshold to fill a form; the tests wait as long. */
export const waitLikeAPerson = (page: Page) => page.waitForTimeout(minimumFillMs + 300)

/** Clicks a submit button and resolves to the status of the page it leads to. */
export async function submit(page: Page, label: string): Promise<number | undefined> {
  const [response] = await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: label }).click()])
  return response?.status()
}

// The local-only password of .dev.vars.example, which the e2e server runs with.
const devPassword = 'clinic-dev-password'

/**
 * The cookies of this file's last sign-in: a later context reuses them, because
 * the sign-in form allows five attempts a minute from one address and every
 * browser test signs in from the same one.
 */
let session: Cookie[] | undefined

/** Signs in on the inbox's sign-in page the browser is showing (with the file's session again, once it has one). */
export async function signIn(page: Page): Promise<void> {
  if (session) {
    await page.context().addCookies(session)
    await page.goto('/admin')
    if (new URL(page.url()).pathname === '/admin') return
  }
  await page.getByLabel('Password').fill(devPassword)
  expect(await submit(page, 'Sign in')).toBe(200)
  expect(new URL(page.url()).pathname).toBe('/admin')
  session = await page.context().cookies()
}

/**
 * What makes the page wider than the window: the document's scroll width, and each
 * element reaching past the right edge whose parent does not (where the overflow
 * starts), including content a scrolling box would make the reader swipe to.
 */
export const findHorizontalOverflow = (page: Page): Promise<string[]> =>
  page.evaluate(() => {
    const width = window.innerWidth
    const overflows = (element: Element | null) => {
      const box = element?.getBoundingClientRect()
      return box !== undefined && box.width > 0 && box.right > width + 0.5
    }
    const describe = (element: Element) =>
      `<${element.localName}${element.hasAttribute('class') ? ` class="${element.getAttribute('class')}"` : ''}> "${(element.textContent ?? '').trim().slice(0, 40)}"`
    const found = [...document.body.querySelectorAll('*')]
      .filter((element) => overflows(element) && !overflows(element.parentElement))
      .map((element) => `${describe(element)} ends at ${Math.round(element.getBoundingClientRect().right)} px`)
    const { scrollWidth } = document.documentElement
    return scrollWidth > width ? [`the page is ${scrollWidth} px wide in a ${width} px window`, ...found] : found
  })

/**
 * Words of up to 12 characters (between spaces and hyphens) that wrap onto two lines:
 * a column squeezed narrower than a word, which fits the window yet cannot be read.
 * Longer runs, such as email addresses and links, may wrap anywhere.
 */
export const findBrokenWords = (page: Page): Promise<string[]> =>
  page.evaluate(() => {
    const broken: string[] = []
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT)
    const range = document.createRange()
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const word of (node.textContent ?? '').matchAll(/[^\s-]{2,}/g)) {
        if (word[0].length > 12) continue
        range.setStart(node, word.index)
        range.setEnd(node, word.index + word[0].length)
        if (range.getClientRects().length > 1) broken.push(`"${word[0]}" in <${node.parentElement?.localName}> is split across lines`)
      }
    }
    return broken
  })
