import { and, asc, eq, exists, gt, isNull, lt, ne, not, notInArray, type SQL, sql } from 'drizzle-orm'
import type { BatchItem } from 'drizzle-orm/batch'
import type { Db } from '../../../platform/database'
import { closedToPatient } from '../domain/patient-offers'
import type { DayPeriod } from '../domain/vocabulary'
import { holdsTimeSql } from './appointments'
import { findRequestByManageToken } from './manage-tokens'
import { type AppointmentProposalRow, appointmentProposals, type PreferredTimeRow, preferredTimes, type RequestRow, requests } from './schema'

export interface OpenProposal extends AppointmentProposalRow {
  /** Another confirmed appointment now holds (part of) this time. */
  taken: boolean
}

/** Everything the patient's page shows: the booking, the times proposed to them and the times they asked for. */
export interface ManagedBooking {
  request: RequestRow
  tokenHash: string
  proposals: OpenProposal[]
  times: PreferredTimeRow[]
}

/** A request a patient-page token opens, of either kind, with its preferred times: what its receipt is written from. */
export interface ManagedRequest {
  request: RequestRow
  times: PreferredTimeRow[]
}

/** The request (booking or question) a patient-page token opens, with its preferred times; undefined for a token that opens nothing. */
export async function loadManagedRequest(db: Db, token: string): Promise<ManagedRequest | undefined> {
  const found = await findRequestByManageToken(db, token)
  if (!found) return undefined
  const times = await db.select().from(preferredTimes).where(eq(preferredTimes.requestId, found.request.id)).orderBy(asc(preferredTimes.position))
  return { request: found.request, times }
}

/** Another appointment holding time that overlaps [start, end), other than booking `id`. */
const timeHeldElsewhere = (db: Db, id: string, start: SQL | Date, end: SQL | Date) =>
  exists(
    db
      .select({ one: sql`1` })
      .from(requests)
      .where(and(ne(requests.id, id), holdsTimeSql(), lt(requests.confirmedStart, end), gt(requests.confirmedEnd, start))),
  )

/**
 * The booking a patient-page token opens, with its proposals (each marked when
 * another appointment has taken its time) and preferred times; undefined for
 * any token that opens nothing, a contact request's included.
 */
export async function loadManagedBooking(db: Db, token: string): Promise<ManagedBooking | undefined> {
  const found = await findRequestByManageToken(db, token)
  if (found?.request.kind !== 'booking') return undefined
  const id = found.request.id
  const [proposals, times] = await db.batch([
    db
      .select({
        proposal: appointmentProposals,
        taken: sql`${timeHeldElsewhere(db, id, sql`${appointmentProposals.start}`, sql`${appointmentProposals.end}`)}`.mapWith(Boolean),
      })
      .from(appointmentProposals)
      .where(eq(appointmentProposals.requestId, id))
      .orderBy(asc(appointmentProposals.position)),
    db.select().from(preferredTimes).where(eq(preferredTimes.requestId, id)).orderBy(asc(preferredTimes.position)),
  ])
  return { ...found, proposals: proposals.map((row) => ({ ...row.proposal, taken: row.taken })), times }
}

/**
 * The condition under which a patient may take a proposed time at `now`: that
 * exact proposal is still on offer (not replaced by a new proposal meanwhile),
 * its start is still ahead, and no other appointment holds any part of it.
 */
export function proposalStillOpen(db: Db, id: string, proposal: Pick<AppointmentProposalRow, 'position' | 'start' | 'end'>, now: Date): SQL {
  const offered = exists(
    db
      .select({ one: sql`1` })
      .from(appointmentProposals)
      .where(
        and(
          eq(appointmentProposals.requestId, id),
          eq(appointmentProposals.position, proposal.position),
          eq(appointmentProposals.start, proposal.start),
          eq(appointmentProposals.end, proposal.end),
          gt(appointmentProposals.start, now),
        ),
      ),
  )
  return and(offered, not(timeHeldElsewhere(db, id, proposal.start, proposal.end)))!
}

/** The practitioner has not marked the booking spam or closed: every patient action is written under this. */
export const openToPatientSql = (): SQL => notInArray(requests.status, [...closedToPatient])

/** The confirmed start is still the one the patient's request was judged against (none, or this one). */
export const startUnchanged = (start: Date | null): SQL => (start === null ? isNull(requests.confirmedStart) : eq(requests.confirmedStart, start))

/**
 * Statements for a transition's `alongside`: the booking's preferred times
 * replaced by the patient's new ones, written only when the transition's guard
 * holds (deleted and inserted from the guarded row), so a refused change keeps the old times.
 */
export function replacePreferredTimes(db: Db, id: string, times: readonly { date: string; period: DayPeriod }[]) {
  return (guard: SQL): BatchItem<'sqlite'>[] => [
    db.delete(preferredTimes).where(and(eq(preferredTimes.requestId, id), exists(db.select({ one: sql`1` }).from(requests).where(guard)))),
    ...times.map((time, index) =>
      db.insert(preferredTimes).select((qb) =>
        qb
          .select({
            id: sql<null>`null`.as('id'),
            requestId: requests.id,
            position: sql<number>`${index + 1}`.as('position'),
            date: sql<string>`${time.date}`.as('date'),
            period: sql<DayPeriod>`${time.period}`.as('period'),
            start: sql<null>`null`.as('start'),
          })
          .from(requests)
          .where(guard),
      ),
    ),
  ]
}
