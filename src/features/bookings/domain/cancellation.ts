import type { AppointmentPolicy } from '../../settings'

const hourMs = 3_600_000

/**
 * Whether the patient may still cancel from their page: always while no time
 * is confirmed, and for a confirmed `start` only while at least the policy's
 * notice lies ahead ("up to N hours before": exactly N hours still counts).
 * Inside the window the clinic wants a call, so the slot can be offered again.
 *
 * @example mayCancelOnline({ start: tuesday0930, now: monday0930, policy: { cancelNoticeHours: 24 } }) // true
 */
export function mayCancelOnline(input: { start: Date | null; now: Date; policy: Pick<AppointmentPolicy, 'cancelNoticeHours'> }): boolean {
  if (input.start === null) return true
  return input.start.getTime() - input.now.getTime() >= input.policy.cancelNoticeHours * hourMs
}
