import { currentSettings } from '../../settings'
import { type ContactInput, contactSchema } from '../domain/contact-schema'
import { ContactPage } from '../views/forms/ContactPage'
import { requestFormRoutes } from './request-form'

export const contactRoutes = requestFormRoutes<ContactInput>({
  kind: 'contact',
  path: '/contact',
  schema: contactSchema(() => currentSettings().address.country),
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

export { bookingRoutes } from './book'
