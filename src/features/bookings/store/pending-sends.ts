import { and, eq, inArray, ne, type SQL } from 'drizzle-orm'
import type { Db } from '../../../platform/database'
import { notifications } from '../../notifications'
import { requests } from './schema'

/** The patient's emails about their appointment: the `appointment` channel and the older `confirmation` one. */
const patientAppointmentChannels = ['appointment', 'confirmation'] as const

/** Why a pending patient email was voided by the change that replaced it, as the request page shows it. */
const supersededInBatch = 'superseded: the appointment changed before this email went out'

const skipPending = (db: Db, requestsMatching: SQL, which: SQL, reason: string, now: Date) =>
  db
    .update(notifications)
    .set({ status: 'skipped', lastError: reason, updatedAt: now })
    .where(
      and(inArray(notifications.requestId, db.select({ id: requests.id }).from(requests).where(requestsMatching)), eq(notifications.status, 'pending'), which),
    )

/**
 * Sets the pending reminders of the requests matching `requestsMatching` to
 * `skipped` with `reason`: a statement for the batch of the change that makes
 * them wrong, placed before that change (after it, the condition no longer matches).
 */
export const voidPendingReminders = (db: Db, requestsMatching: SQL, reason: string, now: Date) =>
  skipPending(db, requestsMatching, eq(notifications.topic, 'reminder'), reason, now)

/**
 * Sets the patient's pending appointment emails (reminders aside) of the
 * requests matching `requestsMatching` to `skipped`: the change in whose batch
 * this runs replaces what they say, and writes its own email if the patient
 * must hear of it. A "confirmed" still unsent when the clinic cancels must never follow the cancellation.
 */
export const voidSupersededPatientEmails = (db: Db, requestsMatching: SQL, now: Date) =>
  skipPending(
    db,
    requestsMatching,
    and(inArray(notifications.channel, [...patientAppointmentChannels]), ne(notifications.topic, 'reminder'))!,
    supersededInBatch,
    now,
  )
