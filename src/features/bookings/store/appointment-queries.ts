import { and, asc, count, eq, gt, gte, inArray, lt, ne, or, type SQL, sql } from 'drizzle-orm'
import type { BatchItem } from 'drizzle-orm/batch'
import type { Db } from '../../../platform/database'
import { addDays, zonedDate, zonedInstant } from '../../../platform/time-zone'
import { type OutcomeState, outcomeStates } from '../domain/vocabulary'
import { holdsTimeSql } from './appointments'
import { appointmentProposals, type RequestRow, requests } from './schema'

const value = <T>(constant: T, name: string) => sql<T>`${constant}`.as(name)

/** An appointment's time: its start and its end (start plus the treatment's length). */
export interface TimeRange {
  start: Date
  end: Date
}

/** The booking with that id, or undefined (a question or an unknown id has no appointment). */
export async function findBooking(db: Db, id: string): Promise<RequestRow | undefined> {
  const [row] = await db
    .select()
    .from(requests)
    .where(and(eq(requests.id, id), eq(requests.kind, 'booking')))
  return row
}

/** The times proposed to the patient, in the order offered. */
export function listProposals(db: Db, requestId: string) {
  return db.select().from(appointmentProposals).where(eq(appointmentProposals.requestId, requestId)).orderBy(asc(appointmentProposals.position))
}

const overlappingOthers = (times: readonly TimeRange[], requestId: string) =>
  and(holdsTimeSql(), ne(requests.id, requestId), or(...times.map((time) => and(lt(requests.confirmedStart, time.end), gt(requests.confirmedEnd, time.start)))))

/** The confirmed appointments, other than this request's, that overlap any of `times`. */
export function findOverlaps(db: Db, times: readonly TimeRange[], requestId: string) {
  return db.select({ id: requests.id, reference: requests.reference }).from(requests).where(overlappingOthers(times, requestId))
}

/**
 * The same check as a condition of the write, so a time confirmed for another
 * patient between the check and the batch still stops the proposal.
 */
export const timesFreeSql = (times: readonly TimeRange[], requestId: string): SQL =>
  sql`not exists (select 1 from ${requests} where ${overlappingOthers(times, requestId)})`

/**
 * The statements that replace a request's proposals under the transition's
 * guard: the old ones deleted, the new ones inserted from a select that
 * matches only while the guard does (insert-from-select lists every column in
 * table order, Drizzle's rule).
 */
export const replaceProposals =
  (db: Db, times: readonly TimeRange[]) =>
  (guard: SQL): BatchItem<'sqlite'>[] => [
    db.delete(appointmentProposals).where(inArray(appointmentProposals.requestId, db.select({ id: requests.id }).from(requests).where(guard))),
    ...times.map((time, index) =>
      db.insert(appointmentProposals).select((qb) =>
        qb
          .select({
            id: value(null, 'id'),
            requestId: requests.id,
            position: value(index + 1, 'position'),
            start: value(time.start.getTime(), 'start'),
            end: value(time.end.getTime(), 'end'),
          })
          .from(requests)
          .where(guard),
      ),
    ),
  ]

export type OutcomeCounts = Record<OutcomeState, number>

/** The first day (YYYY-MM-01) of the month `by` months from the one `date` is in. */
const monthOf = (date: string, by: number) => new Date(Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1 + by, 1)).toISOString().slice(0, 10)

const countIn = (db: Db, from: Date, to: Date) =>
  db
    .select({ state: requests.appointmentState, total: count() })
    .from(requests)
    .where(and(inArray(requests.appointmentState, [...outcomeStates]), gte(requests.confirmedStart, from), lt(requests.confirmedStart, to)))
    .groupBy(requests.appointmentState)

const tally = (rows: readonly { state: string | null; total: number }[]): OutcomeCounts =>
  Object.fromEntries(outcomeStates.map((state) => [state, rows.find((row) => row.state === state)?.total ?? 0])) as OutcomeCounts

/**
 * How the appointments of this month and last month ended, counted by their
 * start, with months as the clinic's calendar has them (`now` read in `timeZone`).
 *
 * @example countOutcomes(db, { now, timeZone: 'America/Los_Angeles' }) // { thisMonth: { attended: 12, … }, lastMonth: … }
 */
export async function countOutcomes(db: Db, input: { now: Date; timeZone: string }): Promise<{ thisMonth: OutcomeCounts; lastMonth: OutcomeCounts }> {
  const today = zonedDate(input.now, input.timeZone)
  const [last, current, next] = [-1, 0, 1].map((by) => zonedInstant(monthOf(today, by), '00:00', input.timeZone)) as [Date, Date, Date]
  const [lastMonth, thisMonth] = await db.batch([countIn(db, last, current), countIn(db, current, next)])
  return { thisMonth: tally(thisMonth), lastMonth: tally(lastMonth) }
}

export interface AgendaEntry {
  id: string
  reference: string
  name: string
  serviceId: string | null
  /** The treatment's name as the patient saw it when booking (null on older requests). */
  serviceName: string | null
  start: Date
  end: Date
}

/** The appointments holding time that start within `days` clinic days from `from` (YYYY-MM-DD), earliest first. */
export async function listAgenda(db: Db, input: { from: string; days: number; timeZone: string }): Promise<AgendaEntry[]> {
  const start = zonedInstant(input.from, '00:00', input.timeZone)
  const end = zonedInstant(addDays(input.from, input.days), '00:00', input.timeZone)
  const rows = await db
    .select({
      id: requests.id,
      reference: requests.reference,
      name: requests.name,
      serviceId: requests.serviceId,
      serviceName: requests.serviceName,
      start: requests.confirmedStart,
      end: requests.confirmedEnd,
    })
    .from(requests)
    .where(and(holdsTimeSql(), gte(requests.confirmedStart, start), lt(requests.confirmedStart, end)))
    .orderBy(asc(requests.confirmedStart), asc(requests.id))
  return rows.flatMap((row) => (row.start && row.end ? [{ ...row, start: row.start, end: row.end }] : []))
}
