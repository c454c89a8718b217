import type { Db } from '../../platform/database'
import type { CalendarFallback } from '../../ui/CalendarFallbackNotice'

/** The day the digest reports on, and the spans its lists are drawn from. */
export interface DigestWindow {
  /** Requests received in [since, until) are counted. */
  since: Date
  until: Date
  /** Requests still unanswered that came in before this are listed. */
  openBefore: Date
  /** Given when bookings expire: those whose wait of `waitMs` ends in (from, until] are listed. */
  expiring?: { waitMs: number; from: Date; until: Date }
}

/** The bookings' part of the digest: counts, references with ids for the inbox links, and the calendar's fallback. */
export interface DigestRequestFigures {
  /** Requests received: booking requests and questions. */
  received: { booking: number; contact: number }
  /** Bookings taken in the same span without a request: directly, or from the waitlist. */
  booked: { direct: number; waitlist: number }
  openOlder: { id: string; reference: string; kind: string; createdAt: Date }[]
  openOlderTotal: number
  /** Bookings that will expire in the window asked for, soonest first (none when expiry is off). */
  expiringSoon: { id: string; reference: string; expiresAt: Date }[]
  expiringSoonTotal: number
  /** Set while direct booking falls back to requests because the practitioner's calendar is overdue. */
  calendarFallback: CalendarFallback | undefined
}

/**
 * Where the digest's figures come from, passed in by the Worker: the requests,
 * direct bookings and calendar fallback from bookings, last week's article views and requests from insight.
 */
export interface DigestSources {
  summarizeRequests(db: Db, window: DigestWindow): Promise<DigestRequestFigures>
  summarizeArticleWeek(db: Db, week: { weekStart: string; timeZone: string }): Promise<{ title: string; views: number; requests: number }[]>
}
