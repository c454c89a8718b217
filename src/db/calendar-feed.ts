import { and, asc, gte } from 'drizzle-orm'
import { holdsTimeSql } from './appointments'
import type { Db } from './client'
import { requests } from './schema'

/** How far back the feed reaches: recent visits stay visible while notes are written up. */
export const feedLookbackDays = 30

export interface FeedAppointment {
  id: string
  reference: string
  name: string
  sequence: number
  start: Date
  end: Date
}

/**
 * The appointments that hold their time and start at most `feedLookbackDays`
 * before `now`, earliest first: only what the feed shows (no contact or
 * health details are read).
 */
export async function listFeedAppointments(db: Db, input: { now: Date }): Promise<FeedAppointment[]> {
  const since = new Date(input.now.getTime() - feedLookbackDays * 24 * 60 * 60_000)
  const rows = await db
    .select({ id: requests.id, reference: requests.reference, name: requests.name, sequence: requests.appointmentSequence, start: requests.confirmedStart, end: requests.confirmedEnd })
    .from(requests)
    .where(and(holdsTimeSql(), gte(requests.confirmedStart, since)))
    .orderBy(asc(requests.confirmedStart), asc(requests.id))
  return rows.flatMap((row) => (row.start && row.end ? [{ ...row, start: row.start, end: row.end }] : []))
}
