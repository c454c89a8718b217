import type { PracticeConfig, Service } from '../../../config'
import type { RequestRow } from '../store/schema'
import { type Treatment, treatmentFor } from './booking-window'

/** The treatment of a request: its name, and its length and price when known. */
export interface BookedTreatment {
  name: string
  durationMinutes: number | undefined
  priceCents: number | undefined
}

/** What a request kept of its treatment; a part it did not keep is null (or absent where a query leaves it out). */
type BookedFields = Pick<RequestRow, 'serviceId'> & Partial<Pick<RequestRow, 'serviceName' | 'serviceDurationMinutes' | 'servicePriceCents'>>

type TreatmentSettings = PracticeConfig & { allServices: readonly Service[] }

/**
 * The treatment as the patient saw it when booking (stored with the request),
 * each missing part taken from the treatment of that id now, hidden ones
 * included (`allServices`): a rename or a new price never rewrites a booking.
 * Undefined when the request names no treatment either way.
 *
 * @example findBookedTreatment(request, currentSettings().allServices)?.name // 'Follow-up treatment'
 */
export function findBookedTreatment(request: BookedFields, allServices: readonly Service[]): BookedTreatment | undefined {
  const current = allServices.find((service) => service.id === request.serviceId)
  const name = request.serviceName ?? current?.name
  if (name === undefined) return undefined
  return {
    name,
    durationMinutes: request.serviceDurationMinutes ?? current?.durationMinutes,
    priceCents: request.servicePriceCents ?? current?.priceCents,
  }
}

/** How long the appointment of a request lasts: the booked treatment's length, else that of `treatmentFor`. */
export const bookedMinutes = (request: BookedFields, config: TreatmentSettings): number =>
  findBookedTreatment(request, config.allServices)?.durationMinutes ?? treatmentFor(request.serviceId, config).durationMinutes

/** What the patient's new times must fit, and its name on their page: the booked treatment, else that of `treatmentFor`. */
export const treatmentToFit = (request: BookedFields, config: TreatmentSettings): Treatment => ({
  name: findBookedTreatment(request, config.allServices)?.name ?? treatmentFor(request.serviceId, config).name,
  durationMinutes: bookedMinutes(request, config),
})
