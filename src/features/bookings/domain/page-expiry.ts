const dayMs = 86_400_000

/** Days the patient's page stays open after the appointment (or the last proposed time) has passed. */
const pageOpenDaysAfter = 14

/** Without any time yet: the booking horizon (60 days) plus the same 14 days. */
const pageOpenDaysUnscheduled = 74

/**
 * When the patient's page stops opening: 14 days after the confirmed end; with
 * no confirmed time, 14 days after the last proposed time; with neither, 74
 * days after the request. An old link then answers the same 404 as a wrong one.
 *
 * @example pageClosesAt({ requestedAt, confirmedEnd: end, proposalEnds: [] }) // end + 14 days
 */
export function pageClosesAt(input: { requestedAt: Date; confirmedEnd: Date | null; proposalEnds: readonly Date[] }): Date {
  if (input.confirmedEnd) return new Date(input.confirmedEnd.getTime() + pageOpenDaysAfter * dayMs)
  if (input.proposalEnds.length > 0) return new Date(Math.max(...input.proposalEnds.map((end) => end.getTime())) + pageOpenDaysAfter * dayMs)
  return new Date(input.requestedAt.getTime() + pageOpenDaysUnscheduled * dayMs)
}
