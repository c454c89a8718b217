import { practice } from '../config'
import { bookableDates } from '../requests/booking-window'
import { bookingSchema, type BookingInput } from '../requests/booking-schema'
import { contactSchema, type ContactInput } from '../requests/contact-schema'
import { BookPage } from '../views/pages/forms/BookPage'
import { ContactPage } from '../views/pages/forms/ContactPage'
import { requestFormRoutes } from './request-form'

export const contactRoutes = requestFormRoutes<ContactInput>({
  kind: 'contact',
  path: '/contact',
  schema: contactSchema,
  render: (props) => <ContactPage {...props} />,
  toRecord: (input) => ({
    request: {
      kind: 'contact',
      name: input.name,
      email: input.email,
      phone: input.phone ?? null,
      preferredContact: input.preferredContact,
      message: input.message,
    },
    preferredTimes: [],
  }),
})

export const bookingRoutes = requestFormRoutes<BookingInput>({
  kind: 'booking',
  path: '/book',
  schema: bookingSchema(),
  render: (props, now) => <BookPage {...props} bookable={bookableDates(now, practice)} />,
  toRecord: (input) => ({
    request: {
      kind: 'booking',
      name: input.name,
      email: input.email,
      phone: input.phone,
      serviceId: input.service,
      painType: input.pain,
      patientStatus: input.patientStatus,
      notes: input.notes ?? null,
    },
    preferredTimes: input.preferredTimes,
  }),
})
