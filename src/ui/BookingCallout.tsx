import { PhoneLink } from './PhoneLink'
import { usePractice } from './practice'

/** `fromSlug`, on an article, goes with both links so the forms can tell which article the patient came from. */
export const BookingCallout = ({ heading = 'Ready to book?', fromSlug }: { heading?: string; fromSlug?: string }) => {
  const from = fromSlug ? `?from=${encodeURIComponent(fromSlug)}` : ''
  return (
    <aside class="callout" aria-labelledby="booking-callout">
      <h2 id="booking-callout">{heading}</h2>
      <p>
        Request an appointment online and {usePractice().clinicName} will confirm a time with you, or call <PhoneLink />.
      </p>
      <p>
        <a class="button" href={`/book${from}`}>
          Request an appointment
        </a>{' '}
        <a href={`/contact${from}`}>Ask a question</a>
      </p>
    </aside>
  )
}
