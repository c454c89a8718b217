import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { practice } from '../../src/config'
import { addDays, weekdayOf, zonedDate } from '../../src/lib/time-zone'
import { minimumFillMs } from '../../src/requests/form-token'
import { launchBrowser } from './browser'

const baseURL = inject('baseUrl')
/** Where global-setup.ts sends the output of `wrangler dev`, which logs each simulated email. */
const serverLog = fileURLToPath(new URL('../../.wrangler/e2e-server.log', import.meta.url))
const deliveryBudgetMs = 15_000

let browser: Browser

beforeAll(async () => {
  browser = await launchBrowser()
})

afterAll(async () => {
  await browser?.close()
})

function openWeekday(): string {
  let date = addDays(zonedDate(new Date(), practice.timeZone), 8)
  while (['Sa', 'Su'].includes(weekdayOf(date)) || practice.booking.closedDates.includes(date)) date = addDays(date, 1)
  return date
}

/**
 * The local send_email binding logs "Subject: …" followed by the path of the
 * text part it wrote; returns that text once the subject shows up.
 */
async function waitForEmail(subject: string, deadline: number): Promise<string> {
  for (;;) {
    const log = readFileSync(serverLog, 'utf8')
    const at = log.indexOf(`Subject: ${subject}`)
    const textPath = at === -1 ? undefined : /^Text: (.+\.txt)$/m.exec(log.slice(at))?.[1]
    if (textPath) return readFileSync(textPath, 'utf8')
    if (Date.now() > deadline) throw new Error(`no email "${subject}" in ${serverLog} within ${deliveryBudgetMs / 1000} s`)
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
}

describe('notifying the practitioner', () => {
  it('a booking submitted in the browser reaches the local email log within 15 seconds', async () => {
    const context = await browser.newContext({ baseURL })
    try {
      const page = await context.newPage()
      expect((await page.goto('/book'))?.status()).toBe(200)
      const email = `notify.${Date.now()}@example.org`
      await page.locator('#f-name').fill('Notify Example')
      await page.locator('#f-email').fill(email)
      await page.locator('#f-phone').fill('+1 555 010 0123')
      await page.locator('#f-service').selectOption('initial')
      await page.locator('input[name=pain][value=muscular]').check()
      await page.locator('input[name=patientStatus][value=returning]').check()
      await page.locator('#f-date1').fill(openWeekday())
      await page.locator('#f-period1').selectOption('afternoon')
      await page.locator('#f-consent').check()
      await page.waitForTimeout(minimumFillMs + 500)

      const [response] = await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Send booking request' }).click()])
      const submittedAt = Date.now()
      expect(response?.status()).toBe(200)
      const reference = await page.locator('.reference strong').innerText()
      expect(reference).toMatch(/^[A-Z2-9]{8}$/)

      const text = await waitForEmail(`New booking request ${reference}`, submittedAt + deliveryBudgetMs)
      expect(Date.now() - submittedAt).toBeLessThan(deliveryBudgetMs)
      expect(text).toContain(`Reference: ${reference}`)
      expect(text).toContain(`Email: ${email}`)
      expect(text).toMatch(/Open in the inbox: https:\/\/clinic\.example\.com\/admin\/requests\/[0-9a-f-]{36}/)
    } finally {
      await context.close()
    }
  })
})
