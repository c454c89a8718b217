import { and, eq } from 'drizzle-orm'
import type { Db } from '../../../platform/database'
import { configuredChannels, formatInstantWithZone, type NotificationTopic } from '../../notifications'
import type { AppointmentPolicy } from '../../settings'
import { currentSettings } from '../../settings'
import { planReminders } from '../domain/reminders'
import { transitions } from '../domain/states'
import type { DayPeriod } from '../domain/vocabulary'
import { applyTransition, type GuardedNotification } from '../store/appointments'
import { type ManagedBooking, type OpenProposal, openToPatientSql, proposalStillOpen, replacePreferredTimes, startUnchanged } from '../store/manage'
import { requests } from '../store/schema'

/** What the patient's actions need besides the booking: the database, this deployment's channels and policy, and the moment. */
export interface ActionContext {
  db: Db
  env: Env
  policy: AppointmentPolicy
  now: Date
}

/**
 * The outbox rows of a patient's action: the patient's own email (when there
 * is one) and one row on each of the practitioner's channels. The patient's
 * acknowledgement channel is for new requests only.
 */
function outboxFor(env: Env, patientTopic: NotificationTopic | null, practitionerTopic: NotificationTopic): GuardedNotification[] {
  const practitioner = configuredChannels(env).filter((channel) => channel !== 'patient')
  return [
    ...(patientTopic ? [{ id: crypto.randomUUID(), channel: 'appointment' as const, topic: patientTopic }] : []),
    ...practitioner.map((channel) => ({ id: crypto.randomUUID(), channel, topic: practitionerTopic })),
  ]
}

/** The ids to enqueue once written, or null when the guarded write found the booking changed and wrote nothing. */
export type ActionOutcome = string[] | null

const written = (applied: boolean, outbox: GuardedNotification[]): ActionOutcome => (applied ? outbox.map((row) => row.id) : null)

/**
 * Takes a proposed time: confirmed only while that proposal still stands, its
 * start is still ahead and no other appointment holds its time, so a
 * practitioner's confirmation, a taken slot or a start passed meanwhile makes
 * it write nothing.
 */
export async function chooseProposal({ db, env, policy, now }: ActionContext, booking: ManagedBooking, proposal: OpenProposal): Promise<ActionOutcome> {
  const outbox = outboxFor(env, 'confirmed', 'patient-chose')
  const applied = await applyTransition(db, {
    id: booking.request.id,
    guard: transitions.choose,
    actor: 'patient',
    note: formatInstantWithZone(proposal.start),
    now,
    set: { confirmedStart: proposal.start, confirmedEnd: proposal.end, status: 'scheduled' },
    bumpSequence: true,
    notifications: outbox,
    reminders: planReminders({ start: proposal.start, now, policy, config: currentSettings() }),
    condition: and(openToPatientSql(), proposalStillOpen(db, booking.request.id, proposal, now)),
  })
  return written(applied, outbox)
}

/** Cancels, provided the start is still the one the cancellation window was judged against. */
export async function cancelBooking({ db, env, now }: ActionContext, booking: ManagedBooking): Promise<ActionOutcome> {
  const outbox = outboxFor(env, 'cancelled', 'patient-cancelled')
  const applied = await applyTransition(db, {
    id: booking.request.id,
    guard: transitions.cancel,
    actor: 'patient',
    now,
    set: { cancelledBy: 'patient' },
    bumpSequence: true,
    notifications: outbox,
    condition: and(openToPatientSql(), startUnchanged(booking.request.confirmedStart)),
  })
  return written(applied, outbox)
}

/**
 * Replaces the preferred times and tells the practitioner, provided the
 * appointment is still at the revision the patient's page showed (the
 * practitioner's new proposal meanwhile makes it write nothing). From proposed
 * the booking goes back to requested; a confirmed one stays confirmed, its
 * time, calendar entry and reminders unchanged. While an earlier ask is still
 * pending (nothing has changed since it), a repeat only replaces the times:
 * the practitioner is told once, and the revision guard keeps two asks at once
 * from both telling.
 */
export async function askForOtherTimes(
  { db, env, now }: ActionContext,
  booking: ManagedBooking,
  times: readonly { date: string; period: DayPeriod }[],
): Promise<ActionOutcome> {
  const { confirmedStart: start, appointmentRevision: revision, askedAtRevision } = booking.request
  const outbox = askedAtRevision === revision ? [] : outboxFor(env, null, 'patient-asked')
  const applied = await applyTransition(db, {
    id: booking.request.id,
    guard: booking.request.appointmentState === 'confirmed' ? transitions.askAgain : transitions.ask,
    actor: 'patient',
    now,
    set: { askedAtRevision: revision + 1 },
    notifications: outbox,
    keepReminders: true,
    condition: and(openToPatientSql(), startUnchanged(start), eq(requests.appointmentRevision, revision)),
    alongside: replacePreferredTimes(db, booking.request.id, times),
  })
  return written(applied, outbox)
}
