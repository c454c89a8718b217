import { practice } from '../../config'

export const BookingCallout = ({ heading = 'Ready to book?' }: { heading?: string }) => (
  <aside class="callout" aria-labelledby="booking-callout">
    <h2 id="booking-callout">{heading}</h2>
    <p>
      Request an appointment online and {practice.clinicName} will confirm a time with you, or call{' '}
      <a href={`tel:${practice.phone.replace(/\s+/g, '')}`}>{practice.phone}</a>.
    </p>
    <p>
      <a class="button" href="/book">Request an appointment</a> <a href="/contact">Ask a question</a>
    </p>
  </aside>
)
