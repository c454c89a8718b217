/**
 * An appointment's life after a booking request, written down once: the states,
 * the actions that move between them, who may take each, and whether it is
 * refused once the appointment has started. The database writes enforce the
 * same table (src/features/bookings/store/appointments.ts guards every update with `fromStates`), so
 * a view that offers a stale button still cannot make an impossible change.
 */
import type { AppointmentState } from './vocabulary'

export { type AppointmentState, appointmentStates } from './vocabulary'

/** Who takes an action: the signed-in practitioner, the patient from their page, or the clinic's own cron. */
export const appointmentActors = ['practitioner', 'patient', 'system'] as const
export type AppointmentActor = (typeof appointmentActors)[number]

export interface Transition {
  from: readonly AppointmentState[]
  to: AppointmentState
  by: readonly AppointmentActor[]
  /** Refused once the confirmed start has passed (nothing moves after the start time). */
  beforeStart?: true
  /** Allowed only once the confirmed start has passed (an outcome is recorded after the visit). */
  afterStart?: true
}

export const transitions = {
  /** The practitioner offers one to three exact times (again, if the patient asked for others). */
  propose: { from: ['requested', 'proposed'], to: 'proposed', by: ['practitioner'] },
  /** The practitioner settles a time: one the patient asked for, or another agreed by phone. */
  confirm: { from: ['requested', 'proposed'], to: 'confirmed', by: ['practitioner'] },
  /** The patient takes one of the proposed times from their page. */
  choose: { from: ['proposed'], to: 'confirmed', by: ['patient'] },
  /** The practitioner gives a confirmed appointment another time. */
  move: { from: ['confirmed'], to: 'confirmed', by: ['practitioner'], beforeStart: true },
  /** The patient turns down the proposed times and asks for others. */
  ask: { from: ['proposed'], to: 'requested', by: ['patient'] },
  /**
   * The patient asks to move a confirmed appointment: the confirmed time stays
   * theirs (the state does not change) until the practitioner moves it or the patient cancels.
   */
  askAgain: { from: ['confirmed'], to: 'confirmed', by: ['patient'], beforeStart: true },
  decline: { from: ['requested', 'proposed'], to: 'declined', by: ['practitioner'] },
  expire: { from: ['requested', 'proposed'], to: 'expired', by: ['system'] },
  cancel: { from: ['requested', 'proposed', 'confirmed'], to: 'cancelled', by: ['practitioner', 'patient'], beforeStart: true },
  attended: { from: ['confirmed'], to: 'attended', by: ['practitioner'], afterStart: true },
  noShow: { from: ['confirmed'], to: 'no-show', by: ['practitioner'], afterStart: true },
  lateCancelled: { from: ['confirmed'], to: 'late-cancelled', by: ['practitioner'], afterStart: true },
} as const satisfies Record<string, Transition>

export type AppointmentAction = keyof typeof transitions

export type TransitionRefusal = 'wrong-state' | 'not-allowed' | 'started' | 'not-started'

/**
 * Whether `actor` may take `action` on an appointment in `state` at `now`,
 * with the confirmed `start` (if any). A pure check for views and routes; the
 * conditional write in src/features/bookings/store/appointments.ts decides for real.
 *
 * @example refuseTransition('cancel', { state: 'attended', actor: 'practitioner', now, start }) // 'wrong-state'
 */
export function refuseTransition(
  action: AppointmentAction,
  input: { state: AppointmentState | null; actor: AppointmentActor; now: Date; start: Date | null },
): TransitionRefusal | null {
  const transition: Transition = transitions[action]
  if (!transition.by.includes(input.actor)) return 'not-allowed'
  if (input.state === null || !transition.from.includes(input.state)) return 'wrong-state'
  const started = input.start !== null && input.start.getTime() <= input.now.getTime()
  if (transition.beforeStart && started) return 'started'
  if (transition.afterStart && !started) return 'not-started'
  return null
}

/** The state in plain words, for the inbox and the patient's page. */
export const stateLabels: Record<AppointmentState, string> = {
  requested: 'Requested: waiting for the clinic to answer',
  proposed: 'Times proposed: waiting for the patient to choose',
  confirmed: 'Confirmed',
  declined: 'Declined',
  expired: 'Expired: not answered in time',
  cancelled: 'Cancelled',
  attended: 'Attended',
  'no-show': 'Did not attend',
  'late-cancelled': 'Cancelled too late',
}

/** The state as the patient reads it on their own page: what it means for them, in the clinic's voice. */
export const patientStateLabels: Record<AppointmentState, string> = {
  requested: 'Requested: we will reply with a time soon',
  proposed: 'Times offered: please choose one below',
  confirmed: 'Confirmed',
  declined: 'Not possible: we could not offer a time',
  expired: 'Closed: we could not answer in time',
  cancelled: 'Cancelled',
  attended: 'Attended: thank you for coming',
  'no-show': 'Missed',
  'late-cancelled': 'Cancelled at short notice',
}
