import { and, eq, gt, inArray, isNull, lte, notInArray, or, type SQL, sql } from 'drizzle-orm'
import type { BatchItem } from 'drizzle-orm/batch'
import type { Db } from '../../../platform/database'
import type { AppointmentState } from '../domain/vocabulary'
import { type GuardedNotification, insertGuardedNotification } from './guarded-outbox'
import { voidPendingReminders, voidSupersededPatientEmails } from './pending-sends'
import { type NewRequest, requestEvents, requests } from './schema'
import { statusFollowing } from './status-follows'

export type { GuardedNotification } from './guarded-outbox'

const value = <T>(constant: T, name: string) => sql<T>`${constant}`.as(name)

/** A transition as the database enforces it: the states it may start from and the start-time rule. */
export interface TransitionGuard {
  from: readonly AppointmentState[]
  to: AppointmentState
  beforeStart?: boolean
  afterStart?: boolean
}

/**
 * The WHERE every statement of a transition shares: this booking, in one of
 * the allowed states, on the right side of its start. A batch is one
 * transaction, so the event, the outbox rows and the update are all written
 * or none are.
 */
function transitionGuard(id: string, guard: TransitionGuard, now: Date, extra?: SQL): SQL {
  return and(
    extra,
    eq(requests.id, id),
    eq(requests.kind, 'booking'),
    inArray(requests.appointmentState, [...guard.from]),
    guard.beforeStart ? or(isNull(requests.confirmedStart), gt(requests.confirmedStart, now)) : undefined,
    guard.afterStart ? lte(requests.confirmedStart, now) : undefined,
  )!
}

export interface TransitionWrite {
  id: string
  guard: TransitionGuard
  /** Who, as the history shows it: the practitioner's identity, "patient" or "system". */
  actor: string
  /** What the history adds after "from → to", such as the new time in the clinic's zone. */
  note?: string
  now: Date
  /** Columns of the request that change with the state (times, reason, who cancelled). */
  set?: Partial<Pick<NewRequest, 'confirmedStart' | 'confirmedEnd' | 'cancelledBy' | 'appointmentReason' | 'status' | 'askedAtRevision'>>
  /** The patient's calendar must apply this change: SEQUENCE grows by one. */
  bumpSequence?: boolean
  notifications?: readonly GuardedNotification[]
  /**
   * The reminders of the appointment as it stands after this transition, when
   * it is confirmed. Every transition first sets the pending reminders already
   * written, and the patient's pending emails it supersedes, to `skipped`, in
   * the same batch, so neither can go out about a moved or cancelled appointment.
   */
  reminders?: readonly Date[]
  /**
   * The appointment's time and SEQUENCE stay as they are (the patient asks to
   * move it): its reminders and pending emails stand, one already due but not
   * yet handed to the queue included, so none is voided and none written.
   */
  keepReminders?: boolean
  /** A further condition the change needs, such as "the time is still free". */
  condition?: SQL
  /** Further statements under the same guard, placed before the update (after it the guard no longer matches). */
  alongside?: (guard: SQL) => BatchItem<'sqlite'>[]
}

/**
 * Writes one transition as a conditional batch: the history event, the outbox
 * rows, any further statements, the inbox status it brings (`statusFollowing`),
 * and last the state change itself, each under
 * the same guard. Returns false, having written nothing, when the appointment
 * was not in an allowed state (someone else changed it first, or the start
 * passed): the caller answers 409, never a silent overwrite.
 */
export async function applyTransition(db: Db, write: TransitionWrite): Promise<boolean> {
  const guard = transitionGuard(write.id, write.guard, write.now, write.condition)
  const now = write.now.getTime()
  const sequence = write.bumpSequence ? sql`${requests.appointmentSequence} + 1` : sql`${requests.appointmentSequence}`
  const history = db.insert(requestEvents).select((qb) =>
    qb
      .select({
        id: value(null, 'id'),
        requestId: requests.id,
        action: value('appointment', 'action'),
        detail: sql<string>`coalesce(${requests.appointmentState}, '') || ${` → ${write.guard.to}${write.note ? `: ${write.note}` : ''}`}`.as('detail'),
        actor: value(write.actor, 'actor'),
        createdAt: value(now, 'created_at'),
      })
      .from(requests)
      .where(guard),
  )
  // A change that keeps the appointment as it stands (the patient asking to move it) replaces nothing.
  const voided = write.keepReminders
    ? []
    : [voidPendingReminders(db, guard, 'the appointment changed before the reminder was due', write.now), voidSupersededPatientEmails(db, guard, write.now)]
  const reminders: GuardedNotification[] = (write.reminders ?? []).map((dueAt) => ({
    id: crypto.randomUUID(),
    channel: 'appointment',
    topic: 'reminder',
    dueAt,
  }))
  const outbox = [...(write.notifications ?? []), ...reminders].map((notification) => insertGuardedNotification(db, notification, guard, { sequence, now }))
  const update = db
    .update(requests)
    .set({ ...write.set, appointmentState: write.guard.to, appointmentSequence: sequence, appointmentRevision: sql`${requests.appointmentRevision} + 1` })
    .where(guard)
    .returning({ id: requests.id })
  const status = statusFollowing(db, guard, { to: write.guard.to, status: write.set?.status, actor: write.actor, now: write.now })
  const results = await db.batch([history, ...voided, ...outbox, ...(write.alongside?.(guard) ?? []), ...status, update])
  const updated = results.at(-1) as { id: string }[]
  return updated.length === 1
}

/**
 * The appointments that hold their time in the practitioner's day: confirmed,
 * and not since marked spam or closed (marking a booking so releases its time).
 */
export const holdsTimeSql = (): SQL => and(eq(requests.appointmentState, 'confirmed'), notInArray(requests.status, ['spam', 'closed']))!

/** The treatment a question is booked for, as a booking request snapshots it. */
interface BookedService {
  id: string
  name: string
  durationMinutes: number
  priceCents: number
}

/**
 * Makes a question a booking request for `service`, once: the request becomes
 * kind `booking` in state `requested` with the treatment as chosen now, so
 * Propose and Confirm take it from there, with its reference, its
 * conversation and its reply address unchanged. The history line is the
 * practitioner's change of its appointment, so the expiry counts from now,
 * not from when the question came. Only a question not marked spam changes,
 * and the update's row count decides: of two submits, one wins and the other
 * writes nothing (false).
 *
 * @example await bookQuestion(db, { id, service, actor: 'practitioner', now })
 */
export async function bookQuestion(db: Db, input: { id: string; service: BookedService; actor: string; now: Date }): Promise<boolean> {
  const question = and(eq(requests.id, input.id), eq(requests.kind, 'contact'), notInArray(requests.status, ['spam']))!
  const [, updated] = await db.batch([
    db.insert(requestEvents).select((qb) =>
      qb
        .select({
          id: value(null, 'id'),
          requestId: requests.id,
          action: value('appointment', 'action'),
          detail: value(`question → requested: ${input.service.name}`, 'detail'),
          actor: value(input.actor, 'actor'),
          createdAt: value(input.now.getTime(), 'created_at'),
        })
        .from(requests)
        .where(question),
    ),
    db
      .update(requests)
      .set({
        kind: 'booking',
        appointmentState: 'requested',
        serviceId: input.service.id,
        serviceName: input.service.name,
        serviceDurationMinutes: input.service.durationMinutes,
        servicePriceCents: input.service.priceCents,
        appointmentRevision: sql`${requests.appointmentRevision} + 1`,
      })
      .where(question)
      .returning({ id: requests.id }),
  ])
  return updated.length === 1
}
