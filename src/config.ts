/**
 * The practice's details: the one place views, structured data, forms and
 * notifications read them from. Every value below is a placeholder to be
 * replaced with the clinic's own before going live.
 */

export type Weekday = 'Mo' | 'Tu' | 'We' | 'Th' | 'Fr' | 'Sa' | 'Su'

export interface OpeningHours {
  days: readonly Weekday[]
  /** Local time in the clinic's time zone, 24-hour "HH:MM". */
  opens: string
  closes: string
}

export interface Service {
  id: string
  name: string
  description: string
  durationMinutes: number
  /** Price in minor units (cents) to keep arithmetic exact. */
  priceCents: number
}

export interface PracticeConfig {
  siteUrl: string
  clinicName: string
  practitioner: { name: string; credentials: string; bio: string }
  address: { street: string; locality: string; region: string; postalCode: string; country: string }
  phone: string
  email: string
  timeZone: string
  currency: string
  locale: string
  openingHours: readonly OpeningHours[]
  services: readonly Service[]
  conditionsTreated: readonly string[]
  /** `closedDates` answers whether the clinic is closed on a date (YYYY-MM-DD): a list of days, or the settings' time-off ranges. */
  booking: { horizonDays: number; minimumNoticeHours: number; closedDates: { includes(date: string): boolean } }
}

/** The days the clinic starts closed on, the starting time off. */
export const defaultClosedDates: readonly string[] = ['2026-12-25', '2027-01-01']

/**
 * The starting values of the practice's settings. The site reads the current
 * ones through `currentSettings()` (src/features/settings/current.ts), which the
 * practitioner changes in the inbox.
 */
export const defaultPractice: PracticeConfig = {
  siteUrl: 'https://clinic.example.com',
  clinicName: 'Example Acupuncture Clinic',
  practitioner: {
    name: 'Alex Example',
    credentials: 'L.Ac., Dipl. Ac.',
    bio: 'A licensed acupuncturist who has treated back pain, neck pain and stress-related conditions for many years, combining trigger-point, indirect and distal acupuncture to fit each patient.',
  },
  address: {
    street: '123 Example Street',
    locality: 'Springfield',
    region: 'CA',
    postalCode: '90000',
    country: 'US',
  },
  phone: '+1 555 010 0000',
  email: 'hello@clinic.example.com',
  timeZone: 'America/Los_Angeles',
  currency: 'USD',
  locale: 'en-US',
  openingHours: [
    { days: ['Mo', 'Tu', 'We', 'Th', 'Fr'], opens: '09:00', closes: '18:00' },
    { days: ['Sa'], opens: '09:00', closes: '13:00' },
  ],
  services: [
    {
      id: 'initial',
      name: 'Initial consultation and treatment',
      description: 'A full intake, assessment and first acupuncture treatment.',
      durationMinutes: 90,
      priceCents: 12000,
    },
    {
      id: 'follow-up',
      name: 'Follow-up treatment',
      description: 'Acupuncture treatment for returning patients.',
      durationMinutes: 60,
      priceCents: 9000,
    },
    {
      id: 'back-pain',
      name: 'Back pain focused session',
      description: 'Trigger-point and distal acupuncture for low back pain.',
      durationMinutes: 60,
      priceCents: 9500,
    },
  ],
  conditionsTreated: [
    'Low back pain and sciatica',
    'Neck and shoulder pain',
    'Muscle tension and sports injuries',
    'Arthritic stiffness',
    'Stress-related tension',
  ],
  booking: { horizonDays: 60, minimumNoticeHours: 24, closedDates: defaultClosedDates },
}

/**
 * What happens next, in the acknowledgement emailed to a patient when
 * ACK_PATIENT=true and on the thanks page: the clinic's own words with the
 * practitioner's current name, never anything the patient typed.
 *
 * @example writeAcknowledgement('contact', currentSettings()) // 'Alex Example will reply within one working day, by the means you chose.'
 */
export function writeAcknowledgement(kind: 'booking' | 'contact', config: Pick<PracticeConfig, 'practitioner'>): string {
  const { name } = config.practitioner
  return kind === 'booking'
    ? `This is a request, not yet a confirmed appointment. ${name} will contact you, usually within one working day, to confirm one of your times or suggest another.`
    : `${name} will reply within one working day, by the means you chose.`
}

const dayNames: Record<Weekday, string> = {
  Mo: 'Monday',
  Tu: 'Tuesday',
  We: 'Wednesday',
  Th: 'Thursday',
  Fr: 'Friday',
  Sa: 'Saturday',
  Su: 'Sunday',
}

/** "Monday" for "Mo": schema.org wants the full English day name. */
export const fullDayName = (day: Weekday): string => dayNames[day]

// One per locale and currency, built on first use: building a formatter costs far more than using it.
// Kept here rather than in src/platform/intl-formats.ts: the bench imports this file in Node, which needs import extensions.
const priceFormats = new Map<string, Intl.NumberFormat>()

export function formatPrice(cents: number, config: Pick<PracticeConfig, 'locale' | 'currency'>): string {
  const key = `${config.locale} ${config.currency}`
  let format = priceFormats.get(key)
  if (!format) {
    format = new Intl.NumberFormat(config.locale, { style: 'currency', currency: config.currency })
    priceFormats.set(key, format)
  }
  return format.format(cents / 100)
}

export const absoluteUrl = (path: string, config: Pick<PracticeConfig, 'siteUrl'>): string => new URL(path, config.siteUrl).toString()
