import type { Db } from '../../../platform/database'
import { newSecretToken } from '../../../platform/secret-token'
import { hmacHex } from '../../../platform/signing'
import { zonedDate } from '../../../platform/time-zone'
import { configuredChannels, formatInstantWithZone } from '../../notifications'
import type { Settings } from '../../settings'
import { decideBookingMode } from '../domain/booking-mode'
import { planReminders } from '../domain/reminders'
import { periodOf } from '../domain/waitlist'
import { busyCalendarOverdue, countUpcomingDirectBookings, loadFreeStarts } from '../store/free-times'
import { storeManageToken } from '../store/manage-tokens'
import { storeRequest } from '../store/requests'
import type { WaitlistEntryRow, WaitlistOfferRow } from '../store/schema'
import { takeTime } from '../store/take-time'
import { endWaitlistEntry, reopenWaitlistEntry, settleOffer } from '../store/waitlist'

export interface TakeContext {
  db: Db
  env: Env
  settings: Settings
  now: Date
}

/** Taken: the patient's new page and the notifications to enqueue; gone: someone else (or something) holds the time now. */
export type TakeOutcome = { taken: true; manageToken: string; notificationIds: string[] } | { taken: false }

/** Whether the offer's start is still among its treatment's free starts. */
async function stillFree({ db, settings, now }: TakeContext, offer: WaitlistOfferRow, durationMinutes: number): Promise<boolean> {
  const date = zonedDate(offer.start, settings.timeZone)
  const free = await loadFreeStarts(db, { settings, durationMinutes, from: date, to: date, now })
  return free.includes(offer.start.getTime())
}

/**
 * Takes an offered time for a waitlisted patient, in the treatment's mode
 * (`decideBookingMode`): directly a confirmed booking (`takeTime`, whose
 * conditional write refuses a time anything holds, so two patients taking
 * it at once cannot both get it), by request a request for that exact
 * start. The entry ends first, conditionally, so one patient's two clicks
 * cannot book twice; it is put back when the booking could not be made.
 */
export async function takeOffer(context: TakeContext, entry: WaitlistEntryRow, offer: WaitlistOfferRow): Promise<TakeOutcome> {
  const { db, env, settings, now } = context
  const service = settings.allServices.find((candidate) => candidate.id === entry.serviceId && candidate.visible)
  if (!service || !(await stillFree(context, offer, service.durationMinutes))) {
    await settleOffer(db, { id: offer.id, outcome: 'gone' })
    return { taken: false }
  }
  if (!(await endWaitlistEntry(db, { id: entry.id, reason: 'booked', now }))) return { taken: false }
  const start = offer.start
  const end = new Date(start.getTime() + service.durationMinutes * 60_000)
  const request = {
    name: entry.name,
    email: entry.email,
    phone: entry.phone,
    serviceId: service.id,
    serviceName: service.name,
    serviceDurationMinutes: service.durationMinutes,
    servicePriceCents: service.priceCents,
    patientStatus: entry.patientStatus,
  }
  const mode = decideBookingMode({
    treatmentMode: service.bookingMode,
    newPatient: entry.patientStatus === 'new',
    firstVisitsByRequest: settings.scheduling.firstVisitsByRequest,
    calendarOverdue: await busyCalendarOverdue(db, now),
    upcomingDirect: await countUpcomingDirectBookings(db, entry.email, now),
    directCap: settings.scheduling.directBookingsPerAddress,
  })
  let booked: { id: string; notificationIds: string[] } | undefined
  if (mode.mode === 'direct') {
    const taken = await takeTime(db, {
      request,
      bookedVia: 'waitlist',
      channels: configuredChannels(env),
      start,
      end,
      bufferMs: settings.scheduling.bufferMinutes * 60_000,
      reminders: planReminders({ start, now, policy: settings.policy, config: settings }),
      note: formatInstantWithZone(start),
      dedupeKey: await hmacHex(env.FORM_SECRET, `waitlist-take:${entry.id}:${start.getTime()}`),
      now,
    })
    // A repeat of this entry's own take (the entry is ended first, so only a retried request) finds its booking, with nothing more to send.
    if (taken.taken) booked = { id: taken.id, notificationIds: taken.duplicate ? [] : taken.notificationIds }
  } else {
    const stored = await storeRequest(db, {
      request: { ...request, kind: 'booking', bookedVia: 'waitlist' },
      preferredTimes: [{ date: zonedDate(start, settings.timeZone), period: periodOf(start.getTime(), settings.timeZone), start }],
      channels: configuredChannels(env),
      dedupeKey: await hmacHex(env.FORM_SECRET, `waitlist-take:${entry.id}:${start.getTime()}`),
      now,
    })
    if (!stored.duplicate) booked = { id: stored.requestId, notificationIds: stored.notificationIds }
  }
  if (!booked) {
    await Promise.all([reopenWaitlistEntry(db, { id: entry.id, endedAt: now }), settleOffer(db, { id: offer.id, outcome: 'gone' })])
    return { taken: false }
  }
  const manageToken = newSecretToken()
  await Promise.all([storeManageToken(db, { token: manageToken, requestId: booked.id, now }), settleOffer(db, { id: offer.id, outcome: 'taken' })])
  return { taken: true, manageToken, notificationIds: booked.notificationIds }
}
