/**
 * How far ahead the practitioner may set an appointment: two years. Further is
 * a mistyped year, and one appointment in 9999 would make every calendar feed
 * and invitation compute thousands of years of time-zone changes.
 *
 * @example isBeyondHorizon(new Date('2029-03-02T00:00:00Z'), new Date('2027-03-01T00:00:00Z')) // true
 */
export function isBeyondHorizon(start: Date, now: Date): boolean {
  const latest = new Date(now)
  latest.setUTCFullYear(latest.getUTCFullYear() + 2)
  return start.getTime() > latest.getTime()
}

export const beyondHorizonAdvice = 'An appointment can be at most two years ahead. Choose an earlier date.'
