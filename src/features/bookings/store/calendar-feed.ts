import { and, asc, gte, inArray, ne, or } from 'drizzle-orm'
import type { Db } from '../../../platform/database'
import { outcomeStates } from '../domain/vocabulary'
import { holdsTimeSql } from './appointments'
import { requests } from './schema'

/** How far back the feed reaches: recent visits stay visible while notes are written up. */
const feedLookbackDays = 30

export interface FeedAppointment {
  id: string
  reference: string
  name: string
  sequence: number
  start: Date
  end: Date
}

/**
 * The appointments that hold their time, and the visits whose outcome is
 * recorded (attended, did not attend, cancelled too late: the look-back is for
 * them), that start at most `feedLookbackDays` before `now`, earliest first.
 * A visit stays when its request is closed afterwards, the usual end of a case;
 * spam never shows. Only what the feed shows is read (no contact or health details).
 */
export async function listFeedAppointments(db: Db, input: { now: Date }): Promise<FeedAppointment[]> {
  const since = new Date(input.now.getTime() - feedLookbackDays * 24 * 60 * 60_000)
  const rows = await db
    .select({
      id: requests.id,
      reference: requests.reference,
      name: requests.name,
      sequence: requests.appointmentSequence,
      start: requests.confirmedStart,
      end: requests.confirmedEnd,
    })
    .from(requests)
    .where(
      and(or(holdsTimeSql(), and(inArray(requests.appointmentState, [...outcomeStates]), ne(requests.status, 'spam'))), gte(requests.confirmedStart, since)),
    )
    .orderBy(asc(requests.confirmedStart), asc(requests.id))
  return rows.flatMap((row) => (row.start && row.end ? [{ ...row, start: row.start, end: row.end }] : []))
}
