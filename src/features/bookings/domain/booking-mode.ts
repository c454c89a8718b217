import type { BookingMode } from '../../settings'

/** Why a booking goes through request although its treatment books directly. */
export type RequestReason = 'first-visit' | 'calendar-overdue' | 'address-cap'

export interface BookingModeAsked {
  treatmentMode: BookingMode
  /** The patient says this is their first visit. */
  newPatient: boolean
  firstVisitsByRequest: boolean
  /** The practitioner's calendar has not been read good for over two hours. */
  calendarOverdue: boolean
  /** Direct bookings this address already holds ahead, against the cap. */
  upcomingDirect: number
  directCap: number
}

/**
 * How one booking is taken: the treatment's mode, unless a rule sends it
 * through request (a first visit when the clinic asks so, the practitioner's
 * calendar overdue, or the address at its cap of direct bookings).
 *
 * @example decideBookingMode({ treatmentMode: 'direct', newPatient: true, firstVisitsByRequest: true, calendarOverdue: false, upcomingDirect: 0, directCap: 2 }) // { mode: 'request', reason: 'first-visit' }
 */
export function decideBookingMode(asked: BookingModeAsked): { mode: 'direct' } | { mode: 'request'; reason?: RequestReason } {
  if (asked.treatmentMode === 'request') return { mode: 'request' }
  if (asked.newPatient && asked.firstVisitsByRequest) return { mode: 'request', reason: 'first-visit' }
  if (asked.calendarOverdue) return { mode: 'request', reason: 'calendar-overdue' }
  if (asked.upcomingDirect >= asked.directCap) return { mode: 'request', reason: 'address-cap' }
  return { mode: 'direct' }
}
