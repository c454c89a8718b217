/** What only the queue consumer and the crons run, imported by src/jobs.ts (loaded on the first queue batch or cron run): a public page never evaluates it. */
import { createDb, type Db } from '../../platform/database'
import { logEvent } from '../../platform/log'
import { enqueue, handToQueue } from '../notifications'
import { retryLostAfterMs, unsentAfterMs } from '../notifications/jobs'
import { currentSettings, type Settings } from '../settings'
import { type BusyCalendarRefresh, refreshBusyCalendar } from './busy-calendar/read'
import { isQuiet, quietEnd } from './domain/quiet-hours'
import { transitions } from './domain/states'
import { planWaitlistRun } from './domain/waitlist'
import { firstDateAhead } from './domain/waitlist-schema'
import { applyTransition } from './store/appointments'
import { findBusyCalendarState } from './store/busy-calendar'
import { listExpiredRequests, waitedSinceSql } from './store/expiry'
import { loadFreeStarts } from './store/free-times'
import { claimDueReminders } from './store/reminders'
import type { WaitlistEntryRow } from './store/schema'
import { listEntryOffers, listWaitingEntries } from './store/waitlist'
import { applyWaitlistRun, countSentLastDay } from './store/waitlist-offers'

export { receivePatientEmail } from './incoming/receive'
export { bookingMessages } from './messages/composer'
export { summarizeDigestRequests } from './store/digest'

/** Bookings expired per hourly run, one batch each; the next run takes the rest. */
const expiryLimit = 50

const hourMs = 3_600_000

/**
 * The hourly expiry: every booking that has waited the inbox's expiry (72 hours
 * by default; 0 turns expiry off) for an answer becomes `expired`, each in a
 * batch of its own through the transition table (history by "system", the
 * patient's `expired` email in the outbox), guarded so that a proposal or a
 * confirmation made meanwhile wins. The emails are enqueued afterwards; one the
 * queue refuses stays pending for the sweep. Returns the notification ids.
 */
export async function expireUnansweredRequests(env: Env, now: Date): Promise<string[]> {
  const { expiryHours } = currentSettings().policy
  if (expiryHours === 0) return []
  const db = createDb(env.DB)
  const cutoff = new Date(now.getTime() - expiryHours * hourMs)
  const expired: string[] = []
  for (const id of await listExpiredRequests(db, { cutoff, limit: expiryLimit })) {
    const notificationId = crypto.randomUUID()
    const written = await applyTransition(db, {
      id,
      guard: transitions.expire,
      actor: 'system',
      note: `no answer within ${expiryHours} hours`,
      now,
      notifications: [{ id: notificationId, channel: 'appointment', topic: 'expired' }],
      condition: waitedSinceSql(cutoff),
    })
    if (written) expired.push(notificationId)
  }
  if (expired.length === 0) return []
  logEvent('info', 'requests_expired', { count: expired.length })
  await enqueue(env.NOTIFY_QUEUE, expired)
  return expired
}

/** A queue batch takes 100 messages; a run that finds more leaves the rest to the next, five minutes on. */
const reminderDispatchLimit = 100

/**
 * The five-minute cron's hand-off of due reminders to the queue, each with its
 * current delivery chain. Reminders are this job's alone: the sweep leaves
 * them out, so no reminder is enqueued by both. If the queue refuses the
 * batch, the claimed rows are claimed again once `unsentAfterMs` has passed.
 * A run in the quiet hours leaves the reminders they hold for the first run after them.
 */
export async function dispatchDueReminders(env: Env, now: Date): Promise<string[]> {
  const { policy, timeZone } = currentSettings()
  const quietUntil = policy.quietHours && isQuiet(now, policy.quietHours, timeZone) ? quietEnd(now, policy.quietHours, timeZone) : null
  const due = await claimDueReminders(createDb(env.DB), { now, unsentAfterMs, retryLostAfterMs, limit: reminderDispatchLimit, quietUntil })
  if (due.length === 0) return []
  await handToQueue(env.NOTIFY_QUEUE, due)
  logEvent('info', 'reminders_dispatched', { count: due.length })
  return due.map((row) => row.id)
}

/** The practitioner's calendar is read every 15 minutes, by the five-minute cron's runs on the quarter hours. */
export const isBusyCalendarMinute = (scheduledTime: Date): boolean => scheduledTime.getUTCMinutes() % 15 === 0

/**
 * Reads the practitioner's own calendar, when they have set its address, into
 * busy blocks over the booking horizon. A failed read is no failed job: it is
 * kept for the calendar page, and the last good blocks stay. No cached page
 * shows free times yet, so a change of the blocks bumps no content version.
 */
export async function refreshPractitionerCalendar(env: Env, now: Date): Promise<BusyCalendarRefresh | undefined> {
  const db = createDb(env.DB)
  const state = await findBusyCalendarState(db)
  if (!state?.feedUrl) return undefined
  const { siteUrl, timeZone, booking } = currentSettings()
  const refresh = await refreshBusyCalendar(db, {
    url: state.feedUrl,
    now,
    horizonDays: booking.horizonDays,
    timeZone,
    clinicFeedUrlPrefix: `${siteUrl}/calendar/`,
  })
  logEvent(refresh.outcome === 'failed' ? 'warn' : 'info', 'busy_calendar_refreshed', refresh)
  return refresh
}

/**
 * The five-minute cron's waitlist run: the entries still waiting are grouped
 * by treatment, the free starts of each treatment are read once over the
 * union of its entries' dates (the one free-times reading; a date's free
 * starts do not depend on the range read around it), and each entry's wish is
 * matched against them in memory by `planWaitlistRun`, whose decisions are
 * written in one batch per entry; the offer emails are then enqueued. An
 * entry whose treatment is no longer offered waits without offers; one past
 * its expiry is simply no longer read. Returns the notification ids.
 */
export async function offerFreedTimes(env: Env, now: Date): Promise<string[]> {
  const db = createDb(env.DB)
  const settings = currentSettings()
  const byTreatment = new Map<string, { durationMinutes: number; from: string; to: string; entries: WaitlistEntryRow[] }>()
  for (const entry of await listWaitingEntries(db, now)) {
    const service = settings.allServices.find((candidate) => candidate.id === entry.serviceId && candidate.visible)
    const from = firstDateAhead(entry.fromDate, now, settings)
    if (!service || from > entry.toDate) continue
    const group = byTreatment.get(service.id)
    if (!group) byTreatment.set(service.id, { durationMinutes: service.durationMinutes, from, to: entry.toDate, entries: [entry] })
    else {
      group.entries.push(entry)
      if (from < group.from) group.from = from
      if (entry.toDate > group.to) group.to = entry.toDate
    }
  }
  const sent: string[] = []
  for (const group of byTreatment.values()) {
    const freeStarts = await loadFreeStarts(db, { settings, durationMinutes: group.durationMinutes, from: group.from, to: group.to, now })
    for (const entry of group.entries) {
      sent.push(...(await offerToEntry(db, { entry, freeStarts, durationMinutes: group.durationMinutes, settings, now })))
    }
  }
  if (sent.length === 0) return []
  logEvent('info', 'waitlist_offers_sent', { count: sent.length })
  await enqueue(env.NOTIFY_QUEUE, sent)
  return sent
}

/** One entry's part of a waitlist run, from its treatment's free starts; the outbox ids it sent. */
async function offerToEntry(
  db: Db,
  input: { entry: WaitlistEntryRow; freeStarts: readonly number[]; durationMinutes: number; settings: Settings; now: Date },
): Promise<string[]> {
  const { entry, settings, now } = input
  const [offers, sentLastDay] = await Promise.all([listEntryOffers(db, entry.id), countSentLastDay(db, entry.id, now)])
  const plan = planWaitlistRun({
    now: now.getTime(),
    wish: entry,
    timeZone: settings.timeZone,
    freeStarts: input.freeStarts,
    knownFree: entry.knownFree,
    offers: offers.map((offer) => ({
      start: offer.start.getTime(),
      sendAfter: offer.sendAfter.getTime(),
      sentAt: offer.sentAt?.getTime() ?? null,
      byHand: offer.byHand,
    })),
    quietHours: settings.policy.quietHours,
    sentLastDay,
  })
  const unchanged = plan.record.length + plan.withdraw.length + plan.send.length === 0 && plan.knownFree.length === entry.knownFree.length
  if (unchanged) return []
  return applyWaitlistRun(db, { entryId: entry.id, plan, durationMs: input.durationMinutes * 60_000, now })
}
