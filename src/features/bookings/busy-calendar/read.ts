import type { Db } from '../../../platform/database'
import { hashSecretToken } from '../../../platform/secret-token'
import { findBusyCalendarState, recordBusyCalendarFailure, recordBusyCalendarUnchanged, replaceBusyBlocks } from '../store/busy-calendar'
import { expandBusyBlocks, NotACalendarError } from './expand'
import { feedAddress, fetchFeed } from './fetch-feed'

export interface RefreshBusyCalendarOptions {
  /** The secret iCal address the practitioner pasted. */
  url: string
  now: Date
  /** How far ahead busy times matter: the booking horizon. */
  horizonDays: number
  /** The clinic's zone, for floating times and all-day events. */
  timeZone: string
  /** Where the clinic's own calendar feed lives (`<site>/calendar/`): never read back as busy. */
  clinicFeedUrlPrefix: string
  fetch?: typeof fetch
  timeoutMs?: number
  maxBytes?: number
}

export type BusyCalendarRefresh = { outcome: 'read'; blocks: number } | { outcome: 'unchanged' } | { outcome: 'failed'; error: string }

const dayMs = 24 * 60 * 60_000

export const clinicFeedRefusal = "This is the clinic's own calendar: paste the address of your personal calendar"

/** The clinic's own feed, pasted back, would block every booked time twice and never free a cancelled one. */
export function isClinicFeed(address: URL, clinicFeedUrlPrefix: string): boolean {
  const clinic = new URL(clinicFeedUrlPrefix)
  return address.host === clinic.host && address.pathname.startsWith(clinic.pathname)
}

/**
 * Reads the practitioner's calendar into busy blocks (start and end only).
 * A good read replaces the stored blocks; a 304 keeps them; a failure keeps
 * the last good ones and records an error the practitioner can act on.
 *
 * @example await refreshBusyCalendar(db, { url, now, horizonDays: 60, timeZone: 'America/Los_Angeles', clinicFeedUrlPrefix: 'https://clinic.example.com/calendar/' })
 */
export async function refreshBusyCalendar(db: Db, options: RefreshBusyCalendarOptions): Promise<BusyCalendarRefresh> {
  const { now } = options
  const fail = async (error: string): Promise<BusyCalendarRefresh> => {
    await recordBusyCalendarFailure(db, { error, now })
    return { outcome: 'failed', error }
  }
  const address = feedAddress(options.url)
  if ('error' in address) return fail(address.error)
  if (isClinicFeed(address, options.clinicFeedUrlPrefix)) return fail(clinicFeedRefusal)

  const feedHash = await hashSecretToken(address.href)
  const state = await findBusyCalendarState(db)
  // Validators of another address would answer "not modified" for a calendar never read.
  const sameFeed = state?.feedHash === feedHash
  const answer = await fetchFeed(address, {
    // workerd refuses its fetch called as another object's method ("Illegal invocation"): fetchFeed calls request.fetch().
    fetch: options.fetch ?? ((input, init) => fetch(input, init)),
    timeoutMs: options.timeoutMs ?? 10_000,
    maxBytes: options.maxBytes ?? 5 * 1024 * 1024,
    etag: sameFeed ? state.etag : null,
    lastModified: sameFeed ? state.lastModified : null,
  })
  if (answer.kind === 'failed') return fail(answer.error)
  if (answer.kind === 'unchanged') {
    await recordBusyCalendarUnchanged(db, { now })
    return { outcome: 'unchanged' }
  }

  // Loaded here only: the parser never weighs on the public pages' start-up.
  const { default: ical } = await import('ical.js')
  // appointmentUid mints `<request id>@<site host>`: those events are the clinic's own appointments.
  const clinicUidSuffix = `@${new URL(options.clinicFeedUrlPrefix).hostname}`
  let blocks: Awaited<ReturnType<typeof expandBusyBlocks>>
  try {
    blocks = expandBusyBlocks(ical, answer.text, {
      from: now,
      until: new Date(now.getTime() + options.horizonDays * dayMs),
      timeZone: options.timeZone,
      isClinicUid: (uid) => uid.endsWith(clinicUidSuffix),
    })
  } catch (error) {
    if (error instanceof NotACalendarError) return fail('The calendar address did not give a calendar (.ics) file')
    throw error
  }
  await replaceBusyBlocks(db, { blocks, feedHash, etag: answer.etag, lastModified: answer.lastModified, now })
  return { outcome: 'read', blocks: blocks.length }
}
