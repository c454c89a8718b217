import { readFileSync } from 'node:fs'
import { describe, expect, inject, it } from 'vitest'
import { replyAddressOf } from '../../src/features/bookings/messages/reply-address'
import { expectNoAxeViolations, findHorizontalOverflow, signIn, submit, useBrowser, waitLikeAPerson } from './browser'
import { waitForEmail } from './email-log'

const deliveryBudgetMs = 15_000

/** The server's FORM_SECRET (wrangler dev runs with .dev.vars.example) and REPLY_ADDRESS (wrangler.toml). */
const formSecret = /^FORM_SECRET=(.+)$/m.exec(readFileSync(new URL('../../.dev.vars.example', import.meta.url), 'utf8'))![1]!
const replyAddress = /^REPLY_ADDRESS = "(.+)"$/m.exec(readFileSync(new URL('../../wrangler.toml', import.meta.url), 'utf8'))![1]!

/** A patient's answer as their mail program sends it: their words above the quoted email. */
const patientMail = (from: string, to: string, reference: string) =>
  [
    `From: Thread Patient <${from}>`,
    `To: ${to}`,
    `Subject: Re: your request ${reference}`,
    `Message-ID: <${crypto.randomUUID()}@example.org>`,
    'Content-Type: text/plain; charset=utf-8',
    '',
    'Thank you, a Tuesday morning would suit me.',
    '',
    'On Mon, Dec 7, 2026 at 9:00 AM Clinic <notifications@clinic.example.com> wrote:',
    '> Tension headaches are among what we treat.',
    '',
  ].join('\r\n')
const withPage = useBrowser()
const narrow = { viewport: { width: 320, height: 800 }, javaScriptEnabled: false }

/** axe runs as a script: the pages, at the same width, in a context with JavaScript on. */
const checkAtNarrowWidth = (paths: readonly string[]) =>
  withPage({ viewport: narrow.viewport }, async (checked) => {
    await checked.goto('/admin')
    await signIn(checked)
    for (const path of paths) {
      await checked.goto(path)
      expect(await findHorizontalOverflow(checked)).toEqual([])
      await expectNoAxeViolations(checked)
    }
  })

describe('replying to a question from the inbox, JavaScript off, at 320 px', () => {
  it('a patient asks, the practitioner answers from a saved reply, the patient’s emailed answer comes back into the conversation, and the question becomes a booking', () =>
    withPage(narrow, async (page) => {
      const name = `Thread Patient ${Date.now().toString(36)}`
      let reference = ''
      const patientEmail = `thread.${Date.now().toString(36)}@example.org`
      await withPage({ javaScriptEnabled: false }, async (patient) => {
        await patient.goto('/contact')
        await patient.getByLabel('Your name').fill(name)
        await patient.getByLabel('Email address').fill(patientEmail)
        await patient.getByLabel('By email').check()
        await patient.getByLabel('Your question or message').fill('Do you treat tension headaches?')
        await patient.getByLabel(/I agree that the clinic stores this message/).check()
        await waitLikeAPerson(patient)
        expect(await submit(patient, 'Send message')).toBe(200)
        reference = await patient.locator('.reference strong').innerText()
      })

      await page.goto('/admin')
      await signIn(page)
      await page.getByLabel('Name, email or reference').fill(reference)
      expect(await submit(page, 'Filter')).toBe(200)
      await page.getByRole('link', { name }).click()
      await page.waitForURL('**/admin/requests/**')
      const requestPath = new URL(page.url()).pathname

      // A saved reply is a link: the page comes back with its words in the box, nothing sent yet.
      await page.getByRole('navigation', { name: 'Saved replies' }).getByRole('link', { name: 'Please choose a time' }).click()
      await page.waitForURL('**?reply=1*')
      const box = page.getByLabel('Write to the patient')
      expect(await box.inputValue()).toContain('You can choose a time that suits you on our booking page')
      await box.fill(`${await box.inputValue()}\n\nTension headaches are among what we treat.`)
      const sentAt = Date.now()
      expect(await submit(page, 'Send message')).toBe(200)
      expect(await page.getByRole('status').innerText()).toContain('Message sent.')
      expect(await page.locator('#f-status').inputValue()).toBe('contacted')

      const text = await waitForEmail(`Re: your request ${reference}`, sentAt + deliveryBudgetMs)
      expect(text).toContain('Tension headaches are among what we treat.')
      expect(text).toContain(`Reference: ${reference}`)

      await page.reload()
      const clinicMessage = page.locator('.thread-clinic')
      expect(await clinicMessage.locator('.badge').innerText()).toBe('sent')
      expect(await clinicMessage.locator('.patient-text').innerText()).toContain('Tension headaches are among what we treat.')

      // The patient answers the email: wrangler's local endpoint hands their mail to the Worker's email handler, as Email Routing would.
      const to = await replyAddressOf(formSecret, replyAddress, { id: requestPath.split('/').pop()!, reference })
      const repliedAt = Date.now()
      const handed = await fetch(new URL(`/cdn-cgi/local/email?from=${encodeURIComponent(patientEmail)}&to=${encodeURIComponent(to)}`, inject('baseUrl')), {
        method: 'POST',
        body: patientMail(patientEmail, to, reference),
      })
      expect(handed.status, await handed.clone().text()).toBe(200)
      const notice = await waitForEmail(`A patient replied to ${reference}`, repliedAt + deliveryBudgetMs)
      expect(notice).not.toContain('Tuesday morning')
      await page.reload()
      const patientMessage = page.locator('.thread-patient')
      expect(await patientMessage.locator('.patient-text').innerText()).toBe('Thank you, a Tuesday morning would suit me.')
      await checkAtNarrowWidth([requestPath, '/admin/settings/saved-replies'])

      // The question becomes a booking request on the same page, which then offers Propose.
      await page.getByLabel('Treatment').selectOption('back-pain')
      expect(await submit(page, 'Make it a booking request')).toBe(200)
      expect(await page.getByRole('status').innerText()).toContain('This question is now a booking request')
      expect(await page.getByRole('heading', { name: 'Propose times' }).count()).toBe(1)
      expect(await page.locator('h1').innerText()).toContain(reference)

      await checkAtNarrowWidth([requestPath])
    }))
})
