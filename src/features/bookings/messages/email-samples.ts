import { addDays, weekdayOf, zonedDate, zonedInstant } from '../../../platform/time-zone'
import type { NotificationChannel, NotificationRow, NotificationTopic } from '../../notifications'
import type { Settings } from '../../settings'
import type { RequestKind } from '../domain/vocabulary'
import type { NotificationJob } from '../store/notification-jobs'
import type { PreferredTimeRow, RequestRow, WaitlistEntryRow, WaitlistOfferRow } from '../store/schema'
import type { WaitlistJob } from '../store/waitlist-jobs'

const hourMs = 3_600_000

/** A token of the right shape that opens nothing: the previews' links never reach a real page. */
const sampleToken = '0'.repeat(32)

/** The sample patient and the sample week every preview is written from, with the clinic's own settings. */
export interface EmailSamples {
  now: Date
  /** The patient's page, as an email would link it. */
  manageLink: string
  waitlistLink: string
  /** Where a reply would go. */
  replyTo: string
  job(kind: RequestKind, channel: NotificationChannel, topic: NotificationTopic, change?: Partial<RequestRow>): NotificationJob
  waitlistJob(offered: boolean): WaitlistJob
  /** A start in the sample week: `day` days after its Monday, at `time` on the clinic's clock. */
  at(day: number, time: string): Date
}

/**
 * Sample data for the inbox's email previews: a sample patient (Sam Sample,
 * with an address on example.com, which no mail reaches), times in next week,
 * the treatment first on the clinic's list. Pure: nothing is read or written.
 */
export function emailSamples(settings: Settings, now: Date, siteUrl: string): EmailSamples {
  const today = zonedDate(now, settings.timeZone)
  let monday = addDays(today, 7)
  while (weekdayOf(monday) !== 'Mo') monday = addDays(monday, -1)
  const at = (day: number, time: string) => zonedInstant(addDays(monday, day), time, settings.timeZone)
  const treatment = settings.allServices[0]
  const start = at(1, '10:00')
  const minutes = treatment?.durationMinutes ?? 60
  const request: RequestRow = {
    id: 'sample-request',
    reference: 'SAMPLE23',
    kind: 'booking',
    status: 'new',
    name: 'Sam Sample',
    email: 'sam.sample@example.com',
    phone: '+15550100123',
    preferredContact: 'email',
    message: null,
    serviceId: treatment?.id ?? null,
    serviceName: treatment?.name ?? null,
    serviceDurationMinutes: minutes,
    servicePriceCents: treatment?.priceCents ?? null,
    painType: null,
    patientStatus: 'new',
    sourceArticle: null,
    heardFrom: null,
    notes: null,
    dedupeKey: null,
    note: null,
    confirmedStart: start,
    confirmedEnd: new Date(start.getTime() + minutes * 60_000),
    appointmentState: 'confirmed',
    cancelledBy: null,
    appointmentReason: null,
    appointmentSequence: 1,
    appointmentRevision: 1,
    askedAtRevision: null,
    searchKey: '',
    bookedVia: 'request',
    clientKey: null,
    createdAt: new Date(now.getTime() - 2 * hourMs),
  }
  const preferredTimes: PreferredTimeRow[] = [
    { id: 1, requestId: request.id, position: 1, date: addDays(monday, 1), period: 'morning', start: null },
    { id: 2, requestId: request.id, position: 2, date: addDays(monday, 3), period: 'afternoon', start: null },
  ]
  const notification = (channel: NotificationChannel, topic: NotificationTopic): NotificationRow => ({
    id: `sample-${channel}-${topic}`,
    requestId: request.id,
    channel,
    status: 'pending',
    attempts: 0,
    lastError: null,
    providerMessageId: null,
    createdAt: now,
    updatedAt: now,
    sentAt: null,
    claimedUntil: null,
    generation: 0,
    topic,
    dueAt: null,
    appointmentSequence: 1,
  })
  const entry: WaitlistEntryRow = {
    id: 'sample-entry',
    tokenHash: '',
    serviceId: treatment?.id ?? '',
    serviceName: treatment?.name ?? '',
    name: request.name,
    email: request.email,
    phone: request.phone,
    patientStatus: 'new',
    fromDate: today,
    toDate: addDays(monday, 27),
    days: ['Tu', 'Th'],
    parts: ['morning'],
    knownFree: [],
    joinedNotificationId: 'sample-waitlist-waitlist-joined',
    createdAt: now,
    expiresAt: zonedInstant(addDays(monday, 28), '00:00', settings.timeZone),
    endedAt: null,
    endedReason: null,
  }
  const offer: WaitlistOfferRow = {
    id: 'sample-offer',
    entryId: entry.id,
    start: at(3, '09:00'),
    end: new Date(at(3, '09:00').getTime() + minutes * 60_000),
    firstSeenAt: now,
    sendAfter: now,
    byHand: false,
    sentAt: null,
    notificationId: null,
    outcome: null,
  }
  return {
    now,
    manageLink: new URL(`/manage/${sampleToken}`, siteUrl).toString(),
    waitlistLink: new URL(`/waitlist/${sampleToken}`, siteUrl).toString(),
    replyTo: settings.email,
    at,
    job: (kind, channel, topic, change = {}) => {
      const row = { ...request, kind, ...change }
      const contact = kind === 'contact'
      return {
        notification: notification(channel, topic),
        request: contact ? { ...row, appointmentState: null, confirmedStart: null, confirmedEnd: null, serviceId: null, serviceName: null } : row,
        preferredTimes: contact ? [] : preferredTimes,
      }
    },
    waitlistJob: (offered) => ({
      notification: notification('waitlist', offered ? 'waitlist-offer' : 'waitlist-joined'),
      request: { name: entry.name, email: entry.email, phone: entry.phone },
      entry,
      offer: offered ? offer : undefined,
    }),
  }
}
