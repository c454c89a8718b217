/** Past this age, busy times read from the practitioner's calendar may miss what they have added since. */
const busyCalendarFreshMs = 2 * 60 * 60_000

/**
 * Whether the practitioner's calendar was last read good too long ago (or
 * never) for its busy blocks to be trusted: direct booking then falls back to
 * requests, which the practitioner confirms by hand.
 *
 * @example busyCalendarIsStale({ lastGoodReadAt: new Date('2026-11-02T08:00Z') }, new Date('2026-11-02T11:00Z')) // true
 */
export function busyCalendarIsStale(state: { lastGoodReadAt: Date | null } | undefined, now: Date): boolean {
  if (!state?.lastGoodReadAt) return true
  return now.getTime() - state.lastGoodReadAt.getTime() > busyCalendarFreshMs
}
