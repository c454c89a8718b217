import { describe, expect, it } from 'vitest'
import { defaultPractice } from '../../../../src/config'
import { bookedMinutes, findBookedTreatment, treatmentToFit } from '../../../../src/features/bookings/domain/treatment'

const retired = { id: 'cupping', name: 'Cupping', description: 'Warming therapy.', durationMinutes: 30, priceCents: 4000 }
// "Cupping" was offered, then hidden: older requests still name it.
const settings = {
  ...defaultPractice,
  allServices: [...defaultPractice.services.map((service) => ({ ...service, visible: true })), { ...retired, visible: false }],
}
const unsnapshotted = { serviceName: null, serviceDurationMinutes: null, servicePriceCents: null }

describe('the treatment as the patient saw it', () => {
  it('is what the request kept when booking, whatever the treatment became since', () => {
    const kept = { serviceId: 'follow-up', serviceName: 'Follow-up', serviceDurationMinutes: 45, servicePriceCents: 8000 }
    expect(findBookedTreatment(kept, settings.allServices)).toEqual({ name: 'Follow-up', durationMinutes: 45, priceCents: 8000 })
    expect(treatmentToFit(kept, settings)).toEqual({ name: 'Follow-up', durationMinutes: 45 })
    expect(bookedMinutes(kept, settings)).toBe(45)
  })

  it('takes what the request did not keep from the treatment of that id now, a hidden one included', () => {
    const request = { serviceId: 'cupping', ...unsnapshotted }
    expect(findBookedTreatment(request, settings.allServices)).toEqual({ name: 'Cupping', durationMinutes: 30, priceCents: 4000 })
    expect(treatmentToFit(request, settings)).toEqual({ name: 'Cupping', durationMinutes: 30 })
    expect(bookedMinutes(request, settings)).toBe(30)
  })

  it('is none for an id no treatment has, and new times fit the shortest treatment', () => {
    const request = { serviceId: 'surgery', ...unsnapshotted }
    expect(findBookedTreatment(request, settings.allServices)).toBeUndefined()
    expect(treatmentToFit(request, settings)).toEqual({ name: 'treatment', durationMinutes: 60 })
  })
})
