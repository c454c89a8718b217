import { zonedDate } from '../../../platform/time-zone'
import { currentSettings } from '../../settings'
import { type BookingInput, bookingSchema } from '../domain/booking-schema'
import { bookableDates } from '../domain/booking-window'
import { type ContactInput, contactSchema } from '../domain/contact-schema'
import { findBookedTreatment } from '../domain/treatment'
import { BookPage } from '../views/forms/BookPage'
import { ContactPage } from '../views/forms/ContactPage'
import { requestFormRoutes } from './request-form'

export const contactRoutes = requestFormRoutes<ContactInput>({
  kind: 'contact',
  path: '/contact',
  schema: contactSchema,
  render: (props, _now, settings) => <ContactPage {...props} practitioner={settings.practitioner} />,
  toRecord: (input) => ({
    request: {
      kind: 'contact',
      name: input.name,
      email: input.email,
      phone: input.phone ?? null,
      preferredContact: input.preferredContact,
      message: input.message,
      heardFrom: input.heardFrom ?? null,
    },
    preferredTimes: [],
  }),
})

/** The treatment as the patient chose it, kept with the request: a later change of name, length or price does not rewrite it. */
function treatmentAsSeen(serviceId: string) {
  const seen = findBookedTreatment({ serviceId }, currentSettings().allServices)
  return { serviceName: seen?.name ?? null, serviceDurationMinutes: seen?.durationMinutes ?? null, servicePriceCents: seen?.priceCents ?? null }
}

export const bookingRoutes = requestFormRoutes<BookingInput>({
  kind: 'booking',
  path: '/book',
  schema: bookingSchema(),
  render: (props, now, settings) => (
    <BookPage {...props} bookable={bookableDates(now, settings)} today={zonedDate(now, settings.timeZone)} settings={settings} />
  ),
  toRecord: (input) => ({
    request: {
      ...treatmentAsSeen(input.service),
      kind: 'booking',
      name: input.name,
      email: input.email,
      phone: input.phone,
      serviceId: input.service,
      painType: input.pain,
      patientStatus: input.patientStatus,
      notes: input.notes ?? null,
      heardFrom: input.heardFrom ?? null,
    },
    preferredTimes: input.preferredTimes,
  }),
})
