import { mayCancelOnline } from './cancellation'
import type { AppointmentPolicy } from './policy'
import { refuseTransition, type AppointmentState } from './states'

/** What the patient's page offers: choosing a proposed time, asking for others, and cancelling (a button, or the number to call). */
export interface PatientOffers {
  choose: boolean
  ask: boolean
  cancel: 'button' | 'call' | 'none'
}

/**
 * The actions open to the patient on their page at `now`, from the transition
 * table and the cancellation window. The same answer decides which buttons the
 * page shows and whether a posted action is taken.
 *
 * @example patientOffers({ state: 'confirmed', start: inTwoHours, now, policy }) // { choose: false, ask: true, cancel: 'call' }
 */
export function patientOffers(input: { state: AppointmentState | null; start: Date | null; now: Date; policy: Pick<AppointmentPolicy, 'cancelNoticeHours'> }): PatientOffers {
  const open = (action: 'choose' | 'ask' | 'askAgain' | 'cancel') => refuseTransition(action, { ...input, actor: 'patient' }) === null
  const cancel = !open('cancel') ? 'none' : mayCancelOnline(input) ? 'button' : 'call'
  return { choose: open('choose'), ask: open('ask') || open('askAgain'), cancel }
}
