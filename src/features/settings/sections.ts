/**
 * The practice's settings, one zod schema per section of /admin/settings: the
 * one definition the forms, the store and every reader share. Starting values
 * come from src/config.ts (and, for the policies, this deployment's vars); a
 * section the practitioner never saved keeps them.
 */
import * as z from 'zod/mini'
import { defaultClosedDates, defaultPractice, type OpeningHours, type PracticeConfig, type Service, type Weekday } from '../../config'
import type { AppointmentPolicy } from './domain/appointment-policy'
import { type BookingMode, bookingModes, type SettingsSection } from './domain/vocabulary'

export const weekdays = ['Mo', 'Tu', 'We', 'Th', 'Fr', 'Sa', 'Su'] as const satisfies readonly Weekday[]

const clock = z.string().check(z.regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time such as 09:00'))
const calendarDate = z.iso.date('a date such as 2027-01-31')
const text = (max: number) => z.string().check(z.trim(), z.minLength(1, 'required'), z.maxLength(max, `at most ${max} characters`))

/** The inbox's message box takes at most this many characters, so a saved reply that fills it must fit. */
export const maxSavedReplyLength = 5000

/** Saved replies the inbox lists on a request's page: a few sentences each, not a library. */
export const maxSavedReplies = 20

const range = z.object({ opens: clock, closes: clock })
export type OpeningRange = z.infer<typeof range>

export const sectionSchemas = {
  practice: z.object({
    clinicName: text(120),
    practitioner: z.object({ name: text(120), credentials: z.string().check(z.maxLength(120)), bio: text(1000) }),
    address: z.object({
      street: text(200),
      locality: text(120),
      region: text(120),
      postalCode: text(20),
      country: z.string().check(z.regex(/^[A-Z]{2}$/, 'a two-letter country code such as US')),
    }),
    phone: z.string().check(z.regex(/^\+?[\d\s().-]{6,30}$/, 'a phone number such as +1 555 010 0000')),
    email: z.email('an email address such as hello@clinic.example.com'),
    conditionsTreated: z.array(text(200)).check(z.maxLength(30)),
  }),
  hours: z.object({ weekly: z.record(z.enum(weekdays), z.array(range).check(z.maxLength(6))) }),
  'time-off': z.object({
    entries: z.array(z.object({ from: calendarDate, to: calendarDate, note: z.string().check(z.trim(), z.maxLength(200)) })).check(z.maxLength(100)),
  }),
  treatments: z.object({
    items: z
      .array(
        z.object({
          id: z.string().check(z.regex(/^[a-z0-9-]{1,40}$/)),
          name: text(120),
          description: text(500),
          durationMinutes: z.int().check(z.gte(5, 'at least 5 minutes'), z.lte(480, 'at most 8 hours')),
          priceCents: z.int().check(z.nonnegative('a price of zero or more')),
          visible: z.boolean(),
          /** `direct`: the patient takes a free time, confirmed at once; `request`: they pick up to three and the practitioner confirms one. */
          bookingMode: z._default(z.enum(bookingModes, 'Choose how patients book this treatment'), 'direct'),
        }),
      )
      .check(z.minLength(1, 'at least one treatment'), z.maxLength(30)),
  }),
  policies: z.object({
    horizonDays: z.int().check(z.gte(1), z.lte(365)),
    minimumNoticeHours: z.int().check(z.gte(0), z.lte(24 * 14)),
    cancelNoticeHours: z.int().check(z.gte(0), z.lte(24 * 14)),
    reminderHours: z.array(z.int().check(z.gte(1), z.lte(24 * 14))).check(z.maxLength(3)),
    quietHours: z.nullable(z.object({ from: clock, to: clock })),
    requestExpiryHours: z.int().check(z.gte(0), z.lte(24 * 30)),
    // Added after the first saves: a row saved before them reads with the starting values.
    bufferMinutes: z._default(z.int().check(z.gte(0, 'zero or more minutes'), z.lte(240, 'at most 240 minutes')), 0),
    startStepMinutes: z._default(z.union([z.literal(15), z.literal(30), z.literal(60)], 'Choose every 15, 30 or 60 minutes'), 30),
    maxPerDay: z._default(z.nullable(z.int().check(z.gte(1, 'at least 1'), z.lte(50, 'at most 50'))), null),
    directBookingsPerAddress: z._default(z.int().check(z.gte(1, 'at least 1'), z.lte(20, 'at most 20')), 2),
    firstVisitsByRequest: z._default(z.boolean(), false),
    waitlistWeeks: z._default(z.int().check(z.gte(1, 'at least 1 week'), z.lte(52, 'at most 52 weeks')), 8),
  }),
  'saved-replies': z.object({
    replies: z
      .array(z.object({ title: text(80), text: text(maxSavedReplyLength) }))
      .check(z.maxLength(maxSavedReplies, `at most ${maxSavedReplies} saved replies`)),
  }),
} satisfies Record<SettingsSection, z.ZodMiniType>

export type SectionValues = { [S in SettingsSection]: z.infer<(typeof sectionSchemas)[S]> }

export interface TimeOff {
  from: string
  to: string
  note: string
}

/** Everything the site reads about the practice: the config's shape, with the sections as they now stand. */
export interface Settings extends PracticeConfig {
  /** Every treatment, hidden ones too, for requests that name one; `services` lists only those offered. */
  allServices: readonly (Service & { visible: boolean; bookingMode: BookingMode })[]
  timeOff: readonly TimeOff[]
  weekly: SectionValues['hours']['weekly']
  policy: AppointmentPolicy
  scheduling: SchedulingPolicy
  /** The practitioner's saved replies, each filling the inbox's message box. */
  savedReplies: SectionValues['saved-replies']['replies']
}

/** How free times are offered and taken (the policies section's scheduling part). */
interface SchedulingPolicy {
  /** Minutes kept free after each appointment. */
  bufferMinutes: number
  /** Starts offered every 15, 30 or 60 minutes from each opening. */
  stepMinutes: 15 | 30 | 60
  /** At most this many appointments a clinic day; null for no cap. */
  maxPerDay: number | null
  /** Upcoming direct bookings one email address may hold; past it a booking becomes a request. */
  directBookingsPerAddress: number
  /** First visits go through request whatever the treatment's mode. */
  firstVisitsByRequest: boolean
  /** Weeks a waitlist entry stays before it ends by itself. */
  waitlistWeeks: number
}

/** The weekly ranges of today's config: each entry's range on each of its days. */
function weeklyFrom(openingHours: readonly OpeningHours[]): SectionValues['hours']['weekly'] {
  const weekly = Object.fromEntries(weekdays.map((day) => [day, [] as OpeningRange[]])) as SectionValues['hours']['weekly']
  for (const hours of openingHours) for (const day of hours.days) weekly[day]!.push({ opens: hours.opens, closes: hours.closes })
  return weekly
}

/** Opening hours in the config's shape: days that share a range are one entry, as schema.org and the footer list them. */
function openingHoursFrom(weekly: SectionValues['hours']['weekly']): OpeningHours[] {
  const byRange = new Map<string, OpeningHours & { days: Weekday[] }>()
  for (const day of weekdays) {
    for (const { opens, closes } of [...(weekly[day] ?? [])].sort((a, b) => a.opens.localeCompare(b.opens))) {
      const key = `${opens}-${closes}`
      const entry = byRange.get(key) ?? { days: [], opens, closes }
      entry.days.push(day)
      byRange.set(key, entry)
    }
  }
  return [...byRange.values()]
}

/**
 * Whether a clinic calendar date falls on any entry's days. Entries stay
 * ranges: an entry is never expanded into its days, so a long one costs what a
 * short one does. Dates are YYYY-MM-DD with four-digit years (the schema's
 * shape), which order as strings the way they order as dates.
 */
const closedOn = (timeOff: readonly TimeOff[]) => ({
  includes: (date: string): boolean => timeOff.some((entry) => entry.from <= date && date <= entry.to),
})

/** The starting value of each section: today's config, and for the policies this deployment's vars. */
export function defaultSections(policy: AppointmentPolicy): SectionValues {
  const { clinicName, practitioner, address, phone, email, conditionsTreated, openingHours, services, booking } = defaultPractice
  return {
    practice: { clinicName, practitioner: { ...practitioner }, address: { ...address }, phone, email, conditionsTreated: [...conditionsTreated] },
    hours: { weekly: weeklyFrom(openingHours) },
    'time-off': { entries: defaultClosedDates.map((date) => ({ from: date, to: date, note: '' })) },
    treatments: { items: services.map((service) => ({ ...service, visible: true, bookingMode: 'direct' as const })) },
    policies: {
      horizonDays: booking.horizonDays,
      minimumNoticeHours: booking.minimumNoticeHours,
      cancelNoticeHours: policy.cancelNoticeHours,
      reminderHours: policy.reminderHours,
      quietHours: policy.quietHours,
      requestExpiryHours: policy.expiryHours,
      bufferMinutes: 0,
      startStepMinutes: 30,
      maxPerDay: null,
      directBookingsPerAddress: 2,
      firstVisitsByRequest: false,
      waitlistWeeks: 8,
    },
    'saved-replies': {
      replies: [
        {
          title: 'Thank you, we will call you',
          text: 'Thank you for your message. We will call you within two working days to talk it through.',
        },
        {
          title: 'Please choose a time',
          text: 'Thank you for your question. You can choose a time that suits you on our booking page, and we will confirm it by email.',
        },
        {
          title: 'Before your first visit',
          text: 'Thank you for getting in touch. Please come ten minutes early to your first visit, and bring a list of any medicines you take.',
        },
      ],
    },
  }
}

/** The settings every reader sees, from the sections as they stand. */
export function settingsFrom(sections: SectionValues): Settings {
  const { practice, hours, treatments, policies } = sections
  const timeOff = sections['time-off'].entries
  return {
    ...defaultPractice,
    ...practice,
    openingHours: openingHoursFrom(hours.weekly),
    weekly: hours.weekly,
    allServices: treatments.items,
    services: treatments.items.filter((item) => item.visible),
    booking: {
      horizonDays: policies.horizonDays,
      minimumNoticeHours: policies.minimumNoticeHours,
      closedDates: closedOn(timeOff),
    },
    timeOff,
    policy: {
      reminderHours: [...policies.reminderHours].sort((a, b) => b - a),
      quietHours: policies.quietHours,
      expiryHours: policies.requestExpiryHours,
      cancelNoticeHours: policies.cancelNoticeHours,
    },
    scheduling: {
      bufferMinutes: policies.bufferMinutes,
      stepMinutes: policies.startStepMinutes,
      maxPerDay: policies.maxPerDay,
      directBookingsPerAddress: policies.directBookingsPerAddress,
      firstVisitsByRequest: policies.firstVisitsByRequest,
      waitlistWeeks: policies.waitlistWeeks,
    },
    savedReplies: sections['saved-replies'].replies,
  }
}
