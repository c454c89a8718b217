import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { sendEmail } from '../../../src/features/notifications/email'
import { chooseEmailTransport } from '../../../src/features/notifications/transports/choose'
import { wrapBinding } from '../../helpers/bindings'

// Under wrangler dev and in production the binding is a remote object: an
// AbortSignal handed to it fails with "AbortSignal serialization is not enabled".
describe('the send_email binding as a transport', () => {
  it('is handed the message alone, never the abort signal', async () => {
    const calls: unknown[][] = []
    const binding = wrapBinding(env.EMAIL, {
      send: (...args: unknown[]) => {
        calls.push(args)
        return env.EMAIL.send(args[0] as EmailMessageBuilder)
      },
    } as Partial<SendEmail>)
    const transport = chooseEmailTransport(binding, { emailTransport: 'binding', resendApiKey: '' }, 'unused')
    const messageId = await sendEmail(transport, {
      from: { name: 'Clinic', email: 'notifications@clinic.example.com' },
      to: 'practitioner@clinic.example.com',
      subject: 'Transport check',
      text: 'Transport check\n',
    })
    expect(typeof messageId).toBe('string')
    expect(calls).toHaveLength(1)
    expect(calls[0]).toHaveLength(1)
  })
})
