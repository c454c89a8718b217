import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { fillBookingForm, newBooking } from './booking-form'
import { submit, useBrowser } from './browser'

/** Where global-setup.ts sends the output of `wrangler dev`, which logs each simulated email. */
const serverLog = fileURLToPath(new URL('../../.wrangler/e2e-server.log', import.meta.url))
const deliveryBudgetMs = 15_000

const withPage = useBrowser()

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
  it('a booking submitted in the browser reaches the local email log within 15 seconds', () =>
    withPage({}, async (page) => {
      expect((await page.goto('/book'))?.status()).toBe(200)
      const booking = newBooking('Notify Example', 8)
      const { email } = booking
      await fillBookingForm(page, booking)

      const status = await submit(page, 'Send booking request')
      const submittedAt = Date.now()
      expect(status).toBe(200)
      const reference = await page.locator('.reference strong').innerText()
      expect(reference).toMatch(/^[A-Z2-9]{8}$/)

      const text = await waitForEmail(`New booking request ${reference}`, submittedAt + deliveryBudgetMs)
      expect(Date.now() - submittedAt).toBeLessThan(deliveryBudgetMs)
      expect(text).toContain(`Reference: ${reference}`)
      expect(text).toContain(`Email: ${email}`)
      expect(text).toMatch(/Open in the inbox: https:\/\/clinic\.example\.com\/admin\/requests\/[0-9a-f-]{36}/)
    }))
})
