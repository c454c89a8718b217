import { currentSettings } from '../../settings/current'
import { PhoneLink } from './PhoneLink'

export const BookingCallout = ({ heading = 'Ready to book?' }: { heading?: string }) => (
  <aside class="callout" aria-labelledby="booking-callout">
    <h2 id="booking-callout">{heading}</h2>
    <p>
      Request an appointment online and {currentSettings().clinicName} will confirm a time with you, or call{' '}
      <PhoneLink />.
    </p>
    <p>
      <a class="button" href="/book">Request an appointment</a> <a href="/contact">Ask a question</a>
    </p>
  </aside>
)
