import { formatPrice } from '../../../config'
import { CsrfField } from '../../../ui/AdminLayout'
import { Select } from '../../../ui/form/fields'
import type { Settings } from '../../settings'

/**
 * On a question's page: make it a booking request for a treatment, after which
 * the page offers Propose and Confirm with the patient's details as they are.
 */
export const BookQuestionForm = ({
  base,
  csrfToken,
  settings,
}: {
  base: string
  csrfToken: string
  settings: Pick<Settings, 'services' | 'locale' | 'currency'>
}) => (
  <section aria-labelledby="book-question">
    <h2 id="book-question">Book an appointment for this patient</h2>
    <p>The question becomes a booking request for the treatment you choose. Then propose times or confirm one below, as for any booking.</p>
    <form method="post" action={`${base}/booking`}>
      <CsrfField token={csrfToken} />
      <Select
        name="service"
        label="Treatment"
        required
        options={settings.services.map((service) => ({
          value: service.id,
          label: `${service.name}, ${service.durationMinutes} minutes, ${formatPrice(service.priceCents, settings)}`,
        }))}
      />
      <button type="submit" class="button">
        Make it a booking request
      </button>
    </form>
  </section>
)
