import { and, eq, ne, type SQL, sql } from 'drizzle-orm'
import type { BatchItem } from 'drizzle-orm/batch'
import type { Db } from '../../../platform/database'
import type { AppointmentState, RequestStatus } from '../domain/vocabulary'
import { requestEvents, requests } from './schema'

const value = <T>(constant: T, name: string) => sql<T>`${constant}`.as(name)

/** The practitioner's answers that tell the patient something: a request still `new` has been `contacted`. */
const answers: readonly AppointmentState[] = ['proposed', 'declined']

/**
 * The inbox status a transition brings with it, as statements for its batch
 * under the transition's guard (placed before the state change, which the
 * guard no longer matches afterwards), each with its "from → to" history line:
 * the status the transition sets itself (a confirmation: `scheduled`), or,
 * for a proposal or a decline, `contacted` in place of `new`. Any other status
 * the practitioner chose stays; none is changed silently.
 */
export function statusFollowing(
  db: Db,
  guard: SQL,
  write: { to: AppointmentState; status?: RequestStatus | undefined; actor: string; now: Date },
): BatchItem<'sqlite'>[] {
  const target = write.status ?? (answers.includes(write.to) ? 'contacted' : undefined)
  if (!target) return []
  const changes = and(guard, write.status ? ne(requests.status, target) : eq(requests.status, 'new'))!
  const history = historyLine(db, changes, target, write)
  // A status set by the transition is written by its own update; `contacted` needs one of its own.
  return write.status ? [history] : [history, db.update(requests).set({ status: target }).where(changes)]
}

/**
 * The status a message written to the patient from the inbox brings: like a
 * proposal, it answers the request, so one still `new` is `contacted` (with
 * its history line); any other status stays.
 */
export function statusFollowingMessage(db: Db, guard: SQL, write: { actor: string; now: Date }): BatchItem<'sqlite'>[] {
  const changes = and(guard, eq(requests.status, 'new'))!
  return [historyLine(db, changes, 'contacted', write), db.update(requests).set({ status: 'contacted' }).where(changes)]
}

/** The "from → to" status line of each request `changes` matches, written before the change it records. */
const historyLine = (db: Db, changes: SQL, target: RequestStatus, write: { actor: string; now: Date }) =>
  db.insert(requestEvents).select((qb) =>
    qb
      .select({
        id: value(null, 'id'),
        requestId: requests.id,
        action: value('status', 'action'),
        detail: sql<string>`${requests.status} || ${` → ${target}`}`.as('detail'),
        actor: value(write.actor, 'actor'),
        createdAt: value(write.now.getTime(), 'created_at'),
      })
      .from(requests)
      .where(changes),
  )
