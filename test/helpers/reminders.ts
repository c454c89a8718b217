import { and, asc, eq } from 'drizzle-orm'
import { transitions } from '../../src/features/bookings/domain/states'
import { applyTransition } from '../../src/features/bookings/store/appointments'
import { type NotificationRow, notifications } from '../../src/features/notifications/store/schema'
import { db } from './forms'
import { storeAt } from './notify'

const hourMs = 3_600_000

/** The reminder rows of a request, earliest due first. */
export const remindersOf = (requestId: string): Promise<NotificationRow[]> =>
  db()
    .select()
    .from(notifications)
    .where(and(eq(notifications.requestId, requestId), eq(notifications.topic, 'reminder')))
    .orderBy(asc(notifications.dueAt))

/** The practitioner confirms an hour from `start` at `now`, with reminders due at `reminders`. */
async function confirmAt(id: string, input: { start: Date; now: Date; reminders: Date[] }): Promise<void> {
  const confirmed = await applyTransition(db(), {
    id,
    guard: transitions.confirm,
    actor: 'practitioner',
    now: input.now,
    set: { confirmedStart: input.start, confirmedEnd: new Date(input.start.getTime() + hourMs), status: 'scheduled' },
    bumpSequence: true,
    reminders: input.reminders,
  })
  if (!confirmed) throw new Error('the confirmation was refused')
}

/**
 * A booking stored at `storedAt` and confirmed a minute later for `start`, with
 * reminders due at `reminders`; returns the request and its reminder rows.
 */
export async function confirmedBooking(input: { storedAt: Date; start: Date; reminders: Date[] }) {
  const { requestId } = await storeAt(input.storedAt, { kind: 'booking', channels: [] })
  await confirmAt(requestId, { start: input.start, now: new Date(input.storedAt.getTime() + 60_000), reminders: input.reminders })
  return { requestId, reminders: await remindersOf(requestId) }
}
