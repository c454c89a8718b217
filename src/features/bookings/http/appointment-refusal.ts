import type { Db } from '../../../platform/database'
import { Refusal } from '../../../platform/refusal'
import { type AppointmentAction, refuseTransition, stateLabels } from '../domain/states'
import { findOverlaps, type TimeRange } from '../store/appointment-queries'
import type { RequestRow } from '../store/schema'

/** How a refusal names each action: "… so it can no longer be moved." */
const actionWords: Partial<Record<AppointmentAction, string>> = {
  propose: 'given proposed times',
  confirm: 'confirmed',
  decline: 'declined',
  move: 'moved',
  cancel: 'cancelled',
  attended: 'marked as attended',
  noShow: 'marked as not attended',
  lateCancelled: 'marked as cancelled too late',
}

/**
 * Refuses, before anything is written, an action the appointment's state or
 * start time rules out: the page it came from may be older than the
 * appointment's last change. The guarded write decides again for real, and a
 * write that lost its race is worded through here too, from a fresh read.
 */
export function refuseImpossible(booking: Pick<RequestRow, 'appointmentState' | 'confirmedStart'>, action: AppointmentAction, now: Date): void {
  const { appointmentState: state, confirmedStart: start } = booking
  const refusal = refuseTransition(action, { state, actor: 'practitioner', now, start })
  if (!refusal) return
  if (action === 'confirm' && state === 'confirmed') {
    throw new Refusal(409, 'Already confirmed', 'This booking was already confirmed. Reload the request to see its time.')
  }
  const words = actionWords[action] ?? 'changed this way'
  const messages = {
    'wrong-state': `This appointment is now “${state ? stateLabels[state] : 'not a booking'}”, so it can no longer be ${words}. It may have been changed meanwhile: reload the request to see where it stands.`,
    started: `This appointment has already started, so it can no longer be ${words}. Once it is over, record whether the patient came.`,
    'not-started': 'This appointment has not started yet. Record whether the patient came once its start time has passed.',
    'not-allowed': 'Only the patient can do this, from their own page.',
  }
  throw new Refusal(409, 'Not possible now', messages[refusal])
}

/** 422 naming the confirmed appointments that hold part of `times`, when any do. */
export async function refuseOverlap(db: Db, times: readonly TimeRange[], requestId: string): Promise<void> {
  const taken = await findOverlaps(db, times, requestId)
  if (taken.length > 0) {
    throw new Refusal(
      422,
      'Check the form',
      `This time overlaps a confirmed appointment (${taken.map((other) => other.reference).join(', ')}). Choose another time, or tick “Book even though it overlaps”.`,
    )
  }
}
