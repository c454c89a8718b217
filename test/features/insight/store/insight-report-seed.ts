import { eq } from 'drizzle-orm'
import type { AppointmentState, HeardFrom, RequestStatus } from '../../../../src/features/bookings/domain/vocabulary'
import { storeRequest } from '../../../../src/features/bookings/store/requests'
import { requests } from '../../../../src/features/bookings/store/schema'
import { pageViews, readerMarks, referrers } from '../../../../src/features/insight/store/schema'
import { db, uniqueEmail } from '../../../helpers/forms'

/** One day's counters for a page, as the counting and its roll-up leave them. */
export const storeViews = (day: string, path: string, figures: { views: number; readers?: number; formOpens?: number }) =>
  db()
    .insert(pageViews)
    .values({ day, path, views: figures.views, readers: figures.readers ?? 0, formOpens: figures.formOpens ?? 0 })

/** `readers` distinct reader marks on a page for a day not yet rolled up. */
export const storeReaderMarks = (day: string, path: string, readers: number) =>
  db()
    .insert(readerMarks)
    .values(Array.from({ length: readers }, () => ({ day, path, hash: crypto.randomUUID() })))

export const storeReferrer = (day: string, host: string, views: number) => db().insert(referrers).values({ day, host, views })

/** A booking stored at `now` as the form stores it, then taken to `state` (and its source, answer, status and how it came) as the inbox or the patient's page would. */
export async function storeSourcedRequest(
  now: Date,
  fields: { source?: string; state?: AppointmentState; heardFrom?: HeardFrom; status?: RequestStatus; via?: 'request' | 'direct' | 'waitlist' } = {},
): Promise<string> {
  const stored = await storeRequest(db(), {
    request: { kind: 'booking', name: 'Sam Patient', email: uniqueEmail('insight'), phone: '5550100' },
    preferredTimes: [],
    channels: [],
    dedupeKey: crypto.randomUUID(),
    now,
  })
  if (stored.duplicate) throw new Error('unexpected duplicate')
  await db()
    .update(requests)
    .set({
      sourceArticle: fields.source ?? null,
      appointmentState: fields.state ?? 'requested',
      heardFrom: fields.heardFrom ?? null,
      status: fields.status ?? 'new',
      bookedVia: fields.via ?? 'request',
    })
    .where(eq(requests.id, stored.requestId))
  return stored.requestId
}
