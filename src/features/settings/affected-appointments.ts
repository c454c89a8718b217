import type { Db } from '../../platform/database'
import type { CalendarFallback } from '../../ui/CalendarFallbackNotice'
import type { Settings } from './sections'

/** Why a confirmed appointment no longer fits the practice's week. */
export type AffectedReason = 'inside time off' | 'outside the opening hours'

/** A confirmed appointment still ahead that a change of the week left outside it. */
export interface AffectedAppointment {
  id: string
  reference: string
  start: Date
  reason: AffectedReason
}

/**
 * The appointments still ahead that a change of the week left outside it, for
 * the settings' overview. Appointments are the bookings feature's, which reads
 * the settings, so the bookings feature answers this and src/admin-app.tsx
 * passes its answer to settingsRoutes().
 */
type ListAffectedAppointments = (db: Db, settings: Settings, now: Date) => Promise<AffectedAppointment[]>

/**
 * What the settings' overview reads from the bookings feature, which reads the
 * settings itself, so src/admin-app.tsx passes these to settingsRoutes().
 */
export interface SettingsSources {
  listAffectedAppointments: ListAffectedAppointments
  /** Why direct booking now falls back to requests by itself (the practitioner's calendar unread for two hours), or undefined. */
  findCalendarFallback: (db: Db, now: Date) => Promise<CalendarFallback | undefined>
}
