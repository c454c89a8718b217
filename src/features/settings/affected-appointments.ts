import type { Db } from '../../platform/database'
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
export type ListAffectedAppointments = (db: Db, settings: Settings, now: Date) => Promise<AffectedAppointment[]>
