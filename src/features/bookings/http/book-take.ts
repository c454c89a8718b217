import { and, eq, gt } from 'drizzle-orm'
import type { Db } from '../../../platform/database'
import { zoneInWords } from '../../../platform/dates'
import { newSecretToken } from '../../../platform/secret-token'
import { hmacHex } from '../../../platform/signing'
import { zonedDate, zonedTime } from '../../../platform/time-zone'
import { configuredChannels } from '../../notifications'
import type { Settings } from '../../settings'
import { periodOf } from '../domain/book-week'
import { decideBookingMode, type RequestReason } from '../domain/booking-mode'
import type { BookingInput } from '../domain/booking-schema'
import { planReminders } from '../domain/reminders'
import { busyCalendarOverdue, countUpcomingDirectBookings, countUpcomingDirectBookingsByClient, loadFreeStarts } from '../store/free-times'
import { storeManageToken } from '../store/manage-tokens'
import { duplicateWindowMs, storeRequest } from '../store/requests'
import { requests } from '../store/schema'
import { takeTime } from '../store/take-time'

export type Treatment = Settings['allServices'][number]

/** What one send of the booking form became. */
export type BookingOutcome =
  | { kind: 'booked'; reference: string; token: string; notificationIds: string[] }
  | { kind: 'requested'; reference: string; reason?: RequestReason; notificationIds: string[]; token?: string }
  | { kind: 'taken' }
  | { kind: 'one-time-only' }

export interface BookingContext {
  db: Db
  env: Env
  settings: Settings
  treatment: Treatment
  input: BookingInput
  sourceArticle: string | undefined
  now: Date
}

/**
 * The patient's page link of a booking taken here: derived from the booking, so
 * a double click that lands on the first booking opens the same page; only its
 * hash is stored.
 */
async function pageTokenOf(db: Db, secret: string, requestId: string, now: Date): Promise<string> {
  const token = (await hmacHex(secret, `booked-page:${requestId}`)).slice(0, 32)
  await storeManageToken(db, { token, requestId, now })
  return token
}

/** The booking this same send already made within the duplicate window, if any. */
async function findRepeat(db: Db, dedupeKey: string, now: Date) {
  const [first] = await db
    .select({ id: requests.id, reference: requests.reference, bookedVia: requests.bookedVia })
    .from(requests)
    .where(and(eq(requests.dedupeKey, dedupeKey), gt(requests.createdAt, new Date(now.getTime() - duplicateWindowMs))))
  return first
}

/** The free starts of the days the patient chose from, as D1 holds them now. */
async function stillFree(context: BookingContext): Promise<boolean> {
  const { db, settings, treatment, input, now } = context
  const dates = input.starts.map((start) => zonedDate(new Date(start), settings.timeZone)).sort()
  const free = await loadFreeStarts(db, { settings, durationMinutes: treatment.durationMinutes, from: dates[0]!, to: dates.at(-1)!, now })
  return input.starts.every((start) => free.includes(start))
}

/**
 * Books what the patient chose: taken at once when the treatment books
 * directly and no rule sends it through request (a first visit when the
 * clinic asks so, the practitioner's calendar overdue, the address or the
 * client at its cap), else stored as a request for the exact starts. A start
 * no longer free is refused as taken; a repeat of the same send answers with
 * the first booking.
 */
export async function bookChosenTime(context: BookingContext, clientIp: string | undefined): Promise<BookingOutcome> {
  const { db, env, settings, treatment, input, now } = context
  const dedupeKey = await hmacHex(env.FORM_SECRET, JSON.stringify(['booking', input]))
  const repeat = async () => {
    const first = await findRepeat(db, dedupeKey, now)
    if (!first) return undefined
    if (first.bookedVia === 'request') return { kind: 'requested' as const, reference: first.reference, notificationIds: [] }
    return { kind: 'booked' as const, reference: first.reference, token: await pageTokenOf(db, env.FORM_SECRET, first.id, now), notificationIds: [] }
  }
  const earlier = await repeat()
  if (earlier) return earlier
  if (!(await stillFree(context))) return (await repeat()) ?? { kind: 'taken' }

  const clientKey = clientIp ? await hmacHex(env.FORM_SECRET, `client:${clientIp}`) : null
  const [overdue, byAddress, byClient] = await Promise.all([
    busyCalendarOverdue(db, now),
    countUpcomingDirectBookings(db, input.email, now),
    clientKey ? countUpcomingDirectBookingsByClient(db, clientKey, now) : 0,
  ])
  const decided = decideBookingMode({
    treatmentMode: treatment.bookingMode,
    newPatient: input.patientStatus === 'new',
    firstVisitsByRequest: settings.scheduling.firstVisitsByRequest,
    calendarOverdue: overdue,
    upcomingDirect: Math.max(byAddress, byClient),
    directCap: settings.scheduling.directBookingsPerAddress,
  })
  const request = {
    serviceId: treatment.id,
    serviceName: treatment.name,
    serviceDurationMinutes: treatment.durationMinutes,
    servicePriceCents: treatment.priceCents,
    name: input.name,
    email: input.email,
    phone: input.phone,
    painType: input.pain,
    patientStatus: input.patientStatus,
    notes: input.notes ?? null,
    heardFrom: input.heardFrom ?? null,
  }
  const channels = configuredChannels(env)

  if (decided.mode === 'direct') {
    // The week offered radios: several starts come from a request's page gone stale, or a hand-made send.
    if (input.starts.length > 1) return { kind: 'one-time-only' }
    const start = new Date(input.starts[0]!)
    const taken = await takeTime(db, {
      request: { ...request, clientKey },
      bookedVia: 'direct',
      sourceArticle: context.sourceArticle,
      channels,
      start,
      end: new Date(start.getTime() + treatment.durationMinutes * 60_000),
      bufferMs: settings.scheduling.bufferMinutes * 60_000,
      reminders: planReminders({ start, now, policy: settings.policy, config: settings }),
      note: `${zonedDate(start, settings.timeZone)} ${zonedTime(start, settings.timeZone)} (${zoneInWords(settings.timeZone, settings.locale)})`,
      dedupeKey,
      now,
    })
    if (!taken.taken) return (await repeat()) ?? { kind: 'taken' }
    const token = await pageTokenOf(db, env.FORM_SECRET, taken.id, now)
    return { kind: 'booked', reference: taken.reference, token, notificationIds: taken.duplicate ? [] : taken.notificationIds }
  }

  const manageToken = newSecretToken()
  const stored = await storeRequest(db, {
    request: { ...request, kind: 'booking' },
    preferredTimes: input.starts.map((start) => ({
      date: zonedDate(new Date(start), settings.timeZone),
      period: periodOf(start, settings.timeZone),
      start: new Date(start),
    })),
    sourceArticle: context.sourceArticle,
    channels,
    dedupeKey,
    manageToken,
    now,
  })
  if (stored.duplicate) return { kind: 'requested', reference: stored.reference, reason: decided.reason, notificationIds: [] }
  return { kind: 'requested', reference: stored.reference, reason: decided.reason, notificationIds: stored.notificationIds, token: manageToken }
}
