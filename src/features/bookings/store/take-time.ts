import { and, eq, getTableColumns, gt, is, lt, lte, SQL, sql } from 'drizzle-orm'
import type { Db } from '../../../platform/database'
import { describeError } from '../../../platform/log'
import { newReference } from '../../../platform/reference'
import { searchKeyOf } from '../../../platform/search-key'
import type { NotificationChannel } from '../../notifications'
import { timesFreeSql } from './appointment-queries'
import { insertGuardedNotification } from './guarded-outbox'
import { duplicateWindowMs, publishedSlug } from './requests'
import { busyBlocks, type NewRequest, requestEvents, requests } from './schema'

const value = <T>(constant: T, name: string) => sql<T>`${constant}`.as(name)

/** Draws of a fresh reference before giving up, as for a stored request. */
const referenceDraws = 3

export interface TakeTimeInput {
  request: Omit<NewRequest, 'id' | 'reference' | 'createdAt' | 'dedupeKey' | 'status' | 'searchKey' | 'sourceArticle' | 'kind' | 'bookedVia'>
  /** A free time taken from the patient's week, or from a waitlist offer. */
  bookedVia: 'direct' | 'waitlist'
  /** The article the patient came from, unchecked: stored only if it names a published article. */
  sourceArticle?: string
  /** The practitioner's channels that announce the booking, as for a stored request. */
  channels: readonly NotificationChannel[]
  start: Date
  end: Date
  /** Kept free after each appointment, this one included (the free-times rule). */
  bufferMs: number
  /** When the reminders are due, planned as for a confirmation. */
  reminders: readonly Date[]
  /** What the history adds after "→ confirmed", such as the time in the clinic's zone. */
  note: string
  /** Keyed hash of what the patient sent: a repeat within the duplicate window gets the first booking, as a repeated request does. */
  dedupeKey: string
  now: Date
}

/** `notificationIds` are the rows to hand to the queue now; the reminders wait for their cron. */
export type TakenTime =
  | { taken: true; duplicate: false; id: string; reference: string; notificationIds: string[] }
  | { taken: true; duplicate: true; id: string; reference: string }
  | { taken: false }

/**
 * The new row as one select list in table order (the column list Drizzle
 * writes for an insert from a select; `requests` has no generated column),
 * filled as Drizzle fills an insert's defaults.
 */
function selectList(row: Record<string, unknown>): SQL {
  const values = Object.entries(getTableColumns(requests)).map(([key, column]) => {
    const given = row[key]
    if (is(given, SQL)) return given
    if (given !== undefined) return sql.param(given, column)
    if (column.default === undefined) return sql`null`
    return is(column.default, SQL) ? column.default : sql.param(column.default, column)
  })
  return sql.join(values, sql`, `)
}

/**
 * Nothing holds [start, end + buffer) as the free-times function counts it:
 * no appointment holding time within a buffer of it either side (each keeps
 * the buffer after it), no busy block overlapping it.
 */
function stillFreeSql(input: TakeTimeInput, id: string): SQL {
  const reach = new Date(input.end.getTime() + input.bufferMs)
  const appointments = timesFreeSql([{ start: new Date(input.start.getTime() - input.bufferMs), end: reach }], id)
  const busy = sql`not exists (select 1 from ${busyBlocks} where ${and(lt(busyBlocks.start, reach), gt(busyBlocks.end, input.start))})`
  return sql`${appointments} and ${busy}`
}

/**
 * Takes a free time for a patient: the booking is stored already confirmed
 * (status `scheduled`, its confirmation, the practitioner's announcements and
 * its reminders pending, as a request then a confirmation would leave them)
 * in one D1 batch whose first insert runs only while nothing holds the time;
 * every other statement selects from that row, so when the time is taken
 * meanwhile the whole batch writes nothing. Of patients taking overlapping
 * times at once exactly one gets it.
 *
 * @example takeTime(db, { request, channels: ['email'], start, end, bufferMs: 0, reminders, note: '2030-01-07 09:00 (America/Los_Angeles)', dedupeKey, now }) // { taken: true, id, reference, notificationIds }
 */
export async function takeTime(db: Db, input: TakeTimeInput, drawReference: () => string = newReference): Promise<TakenTime> {
  for (let attempt = 1; ; attempt++) {
    const id = crypto.randomUUID()
    const reference = drawReference()
    // The patient's acknowledgement is for a request that waits; a taken time sends its confirmation instead.
    const announcements = input.channels
      .filter((channel) => channel !== 'patient')
      .map((channel) => ({ id: crypto.randomUUID(), channel, topic: 'request' as const }))
    const confirmation = { id: crypto.randomUUID(), channel: 'confirmation' as const, topic: 'confirmed' as const }
    const reminders = input.reminders.map((dueAt) => ({ id: crypto.randomUUID(), channel: 'appointment' as const, topic: 'reminder' as const, dueAt }))
    const row = {
      ...input.request,
      id,
      reference,
      kind: 'booking',
      bookedVia: input.bookedVia,
      status: 'scheduled',
      appointmentState: 'confirmed',
      confirmedStart: input.start,
      confirmedEnd: input.end,
      // As a request then its confirmation leave them: the invitation's first version, one change.
      appointmentSequence: 1,
      appointmentRevision: 1,
      searchKey: searchKeyOf(input.request),
      sourceArticle: input.sourceArticle === undefined ? null : publishedSlug(input.sourceArticle),
      dedupeKey: input.dedupeKey,
      createdAt: input.now,
    }
    const written = eq(requests.id, id)
    const now = input.now.getTime()
    try {
      const [, inserted] = await db.batch([
        db
          .update(requests)
          .set({ dedupeKey: null })
          .where(and(eq(requests.dedupeKey, input.dedupeKey), lte(requests.createdAt, new Date(now - duplicateWindowMs)))),
        db
          .insert(requests)
          .select(sql`select ${selectList(row)} where ${stillFreeSql(input, id)}`)
          .returning({ id: requests.id }),
        db.insert(requestEvents).select((qb) =>
          qb
            .select({
              id: value(null, 'id'),
              requestId: requests.id,
              action: value('appointment', 'action'),
              detail: value(`→ confirmed: ${input.note}`, 'detail'),
              actor: value('patient', 'actor'),
              createdAt: value(now, 'created_at'),
            })
            .from(requests)
            .where(written),
        ),
        ...[...announcements, confirmation, ...reminders].map((notification) =>
          insertGuardedNotification(db, notification, written, { sequence: sql`${requests.appointmentSequence}`, now }),
        ),
      ])
      if (inserted.length === 0) return { taken: false }
      return { taken: true, duplicate: false, id, reference, notificationIds: [...announcements, confirmation].map((notification) => notification.id) }
    } catch (error) {
      const text = describeError(error)
      if (text.includes('requests.dedupe_key')) {
        const [first] = await db.select({ id: requests.id, reference: requests.reference }).from(requests).where(eq(requests.dedupeKey, input.dedupeKey))
        if (first) return { taken: true, duplicate: true, ...first }
      }
      if (!text.includes('requests.reference')) throw error
      if (attempt < referenceDraws) continue
      throw new Error(`no unused reference after ${referenceDraws} draws; nothing was stored`, { cause: error })
    }
  }
}
