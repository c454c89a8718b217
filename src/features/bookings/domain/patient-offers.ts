import type { AppointmentPolicy } from '../../settings'
import { mayCancelOnline } from './cancellation'
import { type AppointmentState, refuseTransition } from './states'
import type { RequestStatus } from './vocabulary'

/** Statuses with which the practitioner has dealt with a booking: its page is read-only to the patient. */
export const closedToPatient = ['spam', 'closed'] as const satisfies readonly RequestStatus[]

/** What the patient's page offers: choosing a proposed time, asking for others, and cancelling (a button, or the number to call). */
export interface PatientOffers {
  /** The practitioner marked the booking spam or closed: nothing is offered, the page says to call. */
  readOnly: boolean
  choose: boolean
  ask: boolean
  cancel: 'button' | 'call' | 'none'
}

/**
 * The actions open to the patient on their page at `now`, from the request's
 * status, the transition table and the cancellation window. The same answer
 * decides which buttons the page shows and whether a posted action is taken.
 *
 * @example patientOffers({ status: 'scheduled', state: 'confirmed', start: inTwoHours, now, policy }) // { readOnly: false, choose: false, ask: true, cancel: 'call' }
 */
export function patientOffers(input: {
  status: RequestStatus
  state: AppointmentState | null
  start: Date | null
  now: Date
  policy: Pick<AppointmentPolicy, 'cancelNoticeHours'>
}): PatientOffers {
  if ((closedToPatient as readonly RequestStatus[]).includes(input.status)) return { readOnly: true, choose: false, ask: false, cancel: 'none' }
  const open = (action: 'choose' | 'ask' | 'askAgain' | 'cancel') => refuseTransition(action, { ...input, actor: 'patient' }) === null
  const cancel = !open('cancel') ? 'none' : mayCancelOnline(input) ? 'button' : 'call'
  return { readOnly: false, choose: open('choose'), ask: open('ask') || open('askAgain'), cancel }
}
