import type { RequestRow } from '../../bookings'

type BookedVia = RequestRow['bookedVia']

const labels: Record<Exclude<BookedVia, 'request'>, string> = { direct: 'Booked directly', waitlist: 'From the waitlist' }

/** Marks a booking the patient took without a request; a request carries no mark. */
export const BookedViaBadge = ({ via }: { via: BookedVia }) => (via === 'request' ? null : <span class={`badge booked-${via}`}>{labels[via]}</span>)
