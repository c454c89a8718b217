import { createHmac } from 'node:crypto'
import { defaultPractice } from '../../src/config.ts'
import { addDays, zonedDate, zonedInstant } from '../../src/platform/time-zone.ts'

/**
 * Valid form bodies for the write-path load, built as test/helpers/forms.ts
 * builds them. Those helpers run inside workerd and their src imports carry no
 * file extension, which Node cannot resolve, so the little they do is repeated
 * here; the bench posts one of each and expects 303 before any load, so a
 * drift fails loudly instead of measuring an error page.
 */
export type FormKind = 'contact' | 'booking'

/**
 * The bench clinic's booking settings, stored in each write Worker's D1
 * (write-db.ts seedBookingSettings) before any POST: a booking takes its time
 * at once (direct, the default mode), so every start can be taken only once and
 * the load needs more free starts than it sends bookings. Open 06:00 to 22:00
 * every day (no 02:00 hour a clock change could remove), a 15-minute treatment,
 * starts every 15 minutes, a year ahead: about 23,000 starts; bookings are
 * spread over every day in turn, so each day holds few appointments, as a
 * clinic's do, and the free-times read stays the same size through the load.
 */
export const benchClinic = {
  opens: '06:00',
  closes: '22:00',
  horizonDays: 365,
  /** The first day a start is taken from: past the minimum notice (24 h) whatever the hour. */
  firstDay: 3,
  lastDay: 360,
  stepMinutes: 15,
  treatment: {
    id: 'bench-check',
    name: 'Short follow-up check',
    description: 'A short follow-up for the bench.',
    durationMinutes: 15,
    priceCents: 4500,
  },
  /** As wrangler.toml's REMINDER_HOURS: one reminder a day before. */
  reminderHours: [24],
} as const

/**
 * A function returning a new free start (epoch ms) of the bench treatment on
 * every call, never the same twice: the n-th call takes day n mod the days in
 * turn, and within a day the quarter-hours in a scattered order, so the
 * bookings stay far apart and no day fills before the others.
 */
export function freeStarts(now = new Date()): () => number {
  const { timeZone } = defaultPractice
  const today = zonedDate(now, timeZone)
  const dates = Array.from({ length: benchClinic.lastDay - benchClinic.firstDay + 1 }, (_, index) => addDays(today, benchClinic.firstDay + index)).filter(
    (date) => !defaultPractice.booking.closedDates.includes(date),
  )
  const minutes = (clock: string) => Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3))
  const opens = minutes(benchClinic.opens)
  const slots = (minutes(benchClinic.closes) - opens - benchClinic.treatment.durationMinutes) / benchClinic.stepMinutes + 1
  const clock = (total: number) => `${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`
  let count = 0
  return () => {
    const n = count++
    const round = Math.floor(n / dates.length)
    if (round >= slots) throw new Error(`the bench clinic has no free start left after ${n} bookings`)
    // 37 shares no factor with the 64 starts of a day: every start once per day, neighbours far apart.
    const slot = (round * 37) % slots
    return zonedInstant(dates[n % dates.length] ?? today, clock(opens + slot * benchClinic.stepMinutes), timeZone).getTime()
  }
}

/**
 * src/platform/form-token.ts's token, issued 10 s ago: past the 3 s a human
 * needs. Tokens do not expire, so one per run serves every request.
 */
function formToken(secret: string, form: FormKind): string {
  const issuedAt = Date.now() - 10_000
  return `${issuedAt}.${createHmac('sha256', secret).update(`${form}:${issuedAt}`).digest('hex')}`
}

/**
 * A function returning a new urlencoded body on every call: the email and the
 * free text carry a counter, because a repeat of the same content within ten
 * minutes is answered as a duplicate, which skips the write. A booking takes
 * the next of `starts` (one source per D1, shared by the targets writing to it).
 */
export function formBodies(kind: FormKind, secret: string, starts: () => number = freeStarts()): () => string {
  const started = formToken(secret, kind)
  let count = 0
  return () => {
    const n = ++count
    const fields: Record<string, string> =
      kind === 'contact'
        ? { name: 'Jamie Patient', email: `bench.${n}@example.org`, phone: '', preferredContact: 'email', message: `Do you treat sciatica? (${n})` }
        : {
            name: 'Robin Patient',
            email: `bench.${n}@example.org`,
            phone: '+1 (503) 555-0199',
            treatment: benchClinic.treatment.id,
            start: String(starts()),
            pain: 'disc',
            patientStatus: 'returning',
            notes: `Pain down the left leg (${n})`,
          }
    return new URLSearchParams({ ...fields, consent: 'yes', started }).toString()
  }
}
