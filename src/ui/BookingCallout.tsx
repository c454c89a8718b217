import { PhoneLink } from './PhoneLink'
import { usePractice } from './practice'

/** `fromSlug`, on an article, goes with both links so the forms can tell which article the patient came from. */
export const BookingCallout = ({ heading = 'Ready to book?', fromSlug }: { heading?: string; fromSlug?: string }) => {
  const from = fromSlug ? `?from=${encodeURIComponent(fromSlug)}` : ''
  return (
    <aside class="callout" aria-labelledby="booking-callout">
      <h2 id="booking-callout">{heading}</h2>
      <p>
        Choose a treatment and a free time online at {usePractice().clinicName}, or call <PhoneLink />.
      </p>
      <p>
        <a class="button" href={`/book${from}`}>
          Book an appointment
        </a>{' '}
        <a href={`/contact${from}`}>Ask a question</a>
      </p>
    </aside>
  )
}
