import { describe, expect, it } from 'vitest'
import { type BookingModeAsked, decideBookingMode } from '../../../../src/features/bookings/domain/booking-mode'

const direct: BookingModeAsked = {
  treatmentMode: 'direct',
  newPatient: false,
  firstVisitsByRequest: false,
  calendarOverdue: false,
  upcomingDirect: 0,
  directCap: 2,
}

describe('how a booking is taken', () => {
  it('books directly when the treatment does and no rule stands in the way', () => {
    expect(decideBookingMode(direct)).toEqual({ mode: 'direct' })
    expect(decideBookingMode({ ...direct, newPatient: true })).toEqual({ mode: 'direct' })
    expect(decideBookingMode({ ...direct, upcomingDirect: 1 })).toEqual({ mode: 'direct' })
  })

  it('asks when the treatment is booked by request, whatever else holds', () => {
    expect(decideBookingMode({ ...direct, treatmentMode: 'request', upcomingDirect: 5, calendarOverdue: true })).toEqual({ mode: 'request' })
  })

  it('sends a first visit through request only when the clinic asks so', () => {
    expect(decideBookingMode({ ...direct, newPatient: true, firstVisitsByRequest: true })).toEqual({ mode: 'request', reason: 'first-visit' })
    expect(decideBookingMode({ ...direct, newPatient: false, firstVisitsByRequest: true })).toEqual({ mode: 'direct' })
  })

  it('falls back to request while the practitioner’s calendar is overdue', () => {
    expect(decideBookingMode({ ...direct, calendarOverdue: true })).toEqual({ mode: 'request', reason: 'calendar-overdue' })
  })

  it('turns a booking past the address’s cap of direct bookings into a request', () => {
    expect(decideBookingMode({ ...direct, upcomingDirect: 2 })).toEqual({ mode: 'request', reason: 'address-cap' })
    expect(decideBookingMode({ ...direct, upcomingDirect: 1, directCap: 1 })).toEqual({ mode: 'request', reason: 'address-cap' })
  })
})
