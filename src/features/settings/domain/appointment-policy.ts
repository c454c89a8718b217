/** The appointment settings of this deployment, read from its vars with their defaults. */
export interface AppointmentPolicy {
  /** Hours before the start that each reminder is due, largest first. */
  reminderHours: number[]
  /** Clinic-time "HH:MM" range in which no reminder is sent (may span midnight). */
  quietHours: { from: string; to: string } | null
  /** Hours a request waits for an answer before it expires; 0 means never. */
  expiryHours: number
  /** Up to how many hours before the start the patient may cancel from their page. */
  cancelNoticeHours: number
}

type PolicyVars = Partial<Pick<Env, 'REMINDER_HOURS' | 'QUIET_HOURS' | 'REQUEST_EXPIRY_HOURS' | 'CANCEL_NOTICE_HOURS'>>

const hours = (text: string | undefined, fallback: number): number => {
  const value = Number(text)
  return text !== undefined && text.trim() !== '' && Number.isFinite(value) && value >= 0 ? value : fallback
}

const clockRange = /^([01]\d|2[0-3]):([0-5]\d)-([01]\d|2[0-3]):([0-5]\d)$/

/**
 * REMINDER_HOURS (default "24"; "48,2" sends two, empty none), QUIET_HOURS
 * (default "21:00-08:00"; empty for none), REQUEST_EXPIRY_HOURS (default 72)
 * and CANCEL_NOTICE_HOURS (default 24). A value that cannot be read falls back
 * to its default rather than turning a safeguard off.
 */
export function readAppointmentPolicy(vars: PolicyVars): AppointmentPolicy {
  const reminderText = vars.REMINDER_HOURS ?? '24'
  const reminderHours = reminderText.trim() === '' ? [] : reminderText.split(',').map((part) => hours(part, NaN))
  const quiet = (vars.QUIET_HOURS ?? '21:00-08:00').trim()
  const quietMatch = clockRange.exec(quiet)
  return {
    reminderHours: reminderHours.some(Number.isNaN) ? [24] : [...new Set(reminderHours)].filter((lead) => lead > 0).sort((a, b) => b - a),
    quietHours: quiet === '' ? null : quietMatch ? { from: quiet.slice(0, 5), to: quiet.slice(6) } : { from: '21:00', to: '08:00' },
    expiryHours: hours(vars.REQUEST_EXPIRY_HOURS, 72),
    cancelNoticeHours: hours(vars.CANCEL_NOTICE_HOURS, 24),
  }
}
