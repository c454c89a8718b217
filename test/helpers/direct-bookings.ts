import { takeTime } from '../../src/features/bookings/store/take-time'
import { db, uniqueEmail } from './forms'

const minute = 60_000

/**
 * A booking taken without a request (directly, or from a waitlist offer) as
 * the patient's page takes one: received at `now`, confirmed for an hour from
 * `start`. Throws when something already holds that time.
 */
export async function takeTimeAt(now: Date, start: Date, bookedVia: 'direct' | 'waitlist', name = 'Dana Direct') {
  const taken = await takeTime(db(), {
    request: { name, email: uniqueEmail('taken'), serviceId: 'back-pain', serviceDurationMinutes: 60 },
    channels: [],
    bookedVia,
    start,
    end: new Date(start.getTime() + 60 * minute),
    bufferMs: 0,
    reminders: [],
    note: 'a time the patient took',
    dedupeKey: crypto.randomUUID(),
    now,
  })
  if (!taken.taken) throw new Error(`the time at ${start.toISOString()} is already held`)
  return taken
}
