import { createHmac } from 'node:crypto'
import { defaultPractice } from '../../src/config.ts'
import { addDays, weekdayOf, zonedDate } from '../../src/platform/time-zone.ts'

/**
 * Valid form bodies for the write-path load, built as test/helpers/forms.ts
 * builds them. Those helpers run inside workerd and their src imports carry no
 * file extension, which Node cannot resolve, so the little they do is repeated
 * here; the bench posts one of each and expects 303 before any load, so a
 * drift fails loudly instead of measuring an error page.
 */
export type FormKind = 'contact' | 'booking'

/**
 * src/platform/form-token.ts's token, issued 10 s ago: past the 3 s a human
 * needs. Tokens do not expire, so one per run serves every request.
 */
function formToken(secret: string, form: FormKind): string {
  const issuedAt = Date.now() - 10_000
  return `${issuedAt}.${createHmac('sha256', secret).update(`${form}:${issuedAt}`).digest('hex')}`
}

/** As test/helpers/dates.ts: a weekday `daysAhead` or more ahead in the clinic's zone, open in the morning, not closed. */
function openWeekday(daysAhead: number): string {
  let date = addDays(zonedDate(new Date(), defaultPractice.timeZone), daysAhead)
  while (['Sa', 'Su'].includes(weekdayOf(date)) || defaultPractice.booking.closedDates.includes(date)) date = addDays(date, 1)
  return date
}

/**
 * A function returning a new urlencoded body on every call: the email and the
 * free text carry a counter, because a repeat of the same content within ten
 * minutes is answered as a duplicate, which skips the write.
 */
export function formBodies(kind: FormKind, secret: string): () => string {
  const started = formToken(secret, kind)
  const [date1, date2] = [openWeekday(7), openWeekday(8)]
  let count = 0
  return () => {
    const n = ++count
    const fields: Record<string, string> =
      kind === 'contact'
        ? { name: 'Jamie Patient', email: `bench.${n}@example.org`, phone: '', preferredContact: 'email', message: `Do you treat sciatica? (${n})` }
        : {
            name: 'Robin Patient',
            email: `bench.${n}@example.org`,
            phone: '+1 (555) 010-0199',
            service: 'back-pain',
            pain: 'disc',
            patientStatus: 'new',
            date1,
            period1: 'morning',
            date2,
            period2: 'afternoon',
            date3: '',
            period3: '',
            notes: `Pain down the left leg (${n})`,
          }
    return new URLSearchParams({ ...fields, consent: 'yes', started }).toString()
  }
}
