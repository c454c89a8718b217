import { afterEach, describe, expect, it, vi } from 'vitest'
import { transitions } from '../../../src/features/bookings/domain/states'
import { applyTransition } from '../../../src/features/bookings/store/appointments'
import { contactFields, db } from '../../helpers/forms'
import { storeBooking } from '../../helpers/manage'
import { deliver, recordingEmail, submit } from '../../helpers/notify'
import { withSettings } from '../../helpers/settings'

afterEach(() => vi.restoreAllMocks())

/*
 * Each test saves the sections it needs and saves their earlier values back
 * when it ends: the emails are written from the settings as they stand when
 * they are sent, not from the starting config.
 */
const hourMs = 3_600_000
const now = new Date('2027-04-05T16:00:00Z')
// Tuesday 13 April 2027, 10:00 in the clinic (PDT, UTC-7).
const start = new Date('2027-04-13T17:00:00Z')

/** Sends one notification through the real queue handler and the real email binding; returns the one email sent. */
async function send(notificationId: string, env: Partial<Env> = {}) {
  const email = recordingEmail()
  const { ids, result } = await deliver([{ notificationId, generation: 0 }], { env: { EMAIL: email.binding, ...env }, consumer: { now: () => now } })
  expect(result.explicitAcks).toEqual(ids)
  expect(email.sent).toHaveLength(1)
  return email.sent[0]!
}

describe('patient emails follow the practice settings saved in the inbox', () => {
  it('a confirmation and its invitation carry the saved clinic name, phone, address and cancellation notice', async () => {
    const booking = await storeBooking(now)
    const notificationId = crypto.randomUUID()
    const confirmed = await applyTransition(db(), {
      id: booking.id,
      guard: transitions.confirm,
      actor: 'practitioner',
      now,
      set: { confirmedStart: start, confirmedEnd: new Date(start.getTime() + hourMs), status: 'scheduled' },
      bumpSequence: true,
      notifications: [{ id: notificationId, channel: 'appointment', topic: 'confirmed' }],
    })
    expect(confirmed).toBe(true)

    const message = await withSettings(
      'practice',
      (practice) => ({
        ...practice,
        clinicName: 'Riverside Needle Studio',
        phone: '+1 555 010 4242',
        address: { ...practice.address, street: '7 Willow Lane' },
      }),
      () =>
        withSettings(
          'policies',
          (policies) => ({ ...policies, cancelNoticeHours: 48 }),
          () => send(notificationId),
        ),
    )
    expect(message.from).toMatchObject({ name: 'Riverside Needle Studio' })
    expect(message.text).toContain('Your appointment at Riverside Needle Studio is confirmed.')
    expect(message.text).toContain('When: Tuesday, April 13, 2027 at 10:00 AM (Pacific Time)\nWhere: 7 Willow Lane, Springfield, CA 90000')
    expect(message.text).toContain('You can cancel on your page up to 48 hours before the start. Closer to the time, please call us on +1 555 010 4242,')
    // The footer names the clinic as saved.
    expect(message.text).toContain('--\nRiverside Needle Studio\n7 Willow Lane, Springfield, CA 90000\n+1 555 010 4242')
    expect(message.text).not.toContain('Example Acupuncture Clinic')
    const invitation = String(message.attachments![0]!.content)
    expect(invitation).toContain('SUMMARY:Appointment at Riverside Needle Studio\r\n')
    expect(invitation).toContain('LOCATION:7 Willow Lane\\, Springfield\\, CA 90000\r\n')
    expect(invitation).toContain('ORGANIZER;CN="Riverside Needle Studio":mailto:')
  })

  it('the acknowledgement names the practitioner and the phone as saved', async () => {
    const config = { ACK_PATIENT: 'true' }
    const { channel } = await submit('/contact', await contactFields(), config)
    const message = await withSettings(
      'practice',
      (practice) => ({ ...practice, practitioner: { ...practice.practitioner, name: 'Morgan Renamed' }, phone: '+1 555 010 4343' }),
      () => send(channel('patient').id, config),
    )
    expect(message.text).toContain('Morgan Renamed will reply within one working day, by the means you chose.')
    expect(message.text).toContain('+1 555 010 4343')
    expect(message.text).not.toContain('Alex Example')
  })
})
