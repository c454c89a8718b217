import { afterEach, describe, expect, it, vi } from 'vitest'
import { defaultPractice as practice } from '../../../src/config'
import { zonedInstant } from '../../../src/platform/time-zone'
import { crons } from '../../../src/worker'
import { contactFields } from '../../helpers/forms'
import { deliver, loadRow, recordingEmail, runCron, submit } from '../../helpers/notify'
import { interceptResend, resendLike, viaResend } from '../../helpers/resend'

afterEach(() => {
  vi.restoreAllMocks()
})

describe('choosing how emails leave', () => {
  it.each([
    ['unset', {}],
    ['binding, with a Resend key set', { EMAIL_TRANSPORT: 'binding', RESEND_API_KEY: viaResend.RESEND_API_KEY }],
  ])('EMAIL_TRANSPORT %s sends through the EMAIL binding and never calls Resend', async (_, overrides: Partial<Env>) => {
    const { channel } = await submit('/contact', await contactFields())
    const id = channel('email').id
    const calls = interceptResend(resendLike().respond)
    const email = recordingEmail()
    const { ids, result } = await deliver([{ notificationId: id, generation: 0 }], { env: { ...overrides, EMAIL: email.binding } })
    expect(result.explicitAcks).toEqual(ids)
    expect(calls).toEqual([])
    expect(email.sent.map((message) => message.to)).toEqual(['practitioner@clinic.example.com'])
    expect(await loadRow(id)).toMatchObject({ status: 'sent', providerMessageId: email.sent[0]!.messageId })
  })

  it('EMAIL_TRANSPORT=resend without RESEND_API_KEY sends nothing and says why', async () => {
    const { channel } = await submit('/contact', await contactFields())
    const id = channel('email').id
    const calls = interceptResend(resendLike().respond)
    const email = recordingEmail()
    const { ids, result } = await deliver([{ notificationId: id, generation: 0 }], { env: { EMAIL_TRANSPORT: 'resend', EMAIL: email.binding } })
    expect(result.retryMessages.map((retried) => retried.msgId)).toEqual(ids)
    expect(calls).toEqual([])
    expect(email.sent).toEqual([])
    expect(await loadRow(id)).toMatchObject({ status: 'pending', attempts: 1, lastError: 'Error: RESEND_API_KEY is not set', sentAt: null })
  })

  it('a Resend call with no answer within the bound is aborted and ends may have been sent, never retried', async () => {
    const { channel } = await submit('/contact', await contactFields())
    const id = channel('email').id
    const calls = interceptResend((call) => new Promise((_, reject) => call.signal.addEventListener('abort', () => reject(call.signal.reason))))
    const { ids, result } = await deliver([{ notificationId: id, generation: 0 }], { env: viaResend, consumer: { emailTimeoutMs: 20 } })
    expect(result.explicitAcks).toEqual(ids)
    expect(result.retryMessages).toEqual([])
    expect(calls).toHaveLength(1)
    expect(calls[0]!.signal.aborted).toBe(true)
    expect(await loadRow(id)).toMatchObject({
      status: 'unknown',
      attempts: 1,
      lastError: 'no answer from the email service within 0.02 s; it may have been sent',
      sentAt: null,
    })
  })

  it('keys the daily digest by its clinic date', async () => {
    const resend = resendLike()
    const calls = interceptResend(resend.respond)
    await runCron(crons.hourly, zonedInstant('2022-09-14', '07:05', practice.timeZone), viaResend)
    expect(calls.map((call) => call.headers.get('Idempotency-Key'))).toEqual(['digest-2022-09-14'])
    expect(calls[0]!.body).toMatchObject({ to: 'practitioner@clinic.example.com', subject: expect.stringMatching(/^Daily summary for 2022-09-14: /) })
  })
})
