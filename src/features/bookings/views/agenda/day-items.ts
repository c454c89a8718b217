import { addDays, zonedDate, zonedInstant } from '../../../../platform/time-zone'
import { periodHours } from '../../domain/booking-window'
import type { AgendaWeek, WaitingProposal, WaitingRequest } from '../../store/agenda-week'
import type { AgendaEntry } from '../../store/appointment-queries'

/** One line of a day in the week view, placed at the instant `at`. */
export type DayItem =
  | { kind: 'appointment'; at: number; entry: AgendaEntry }
  | { kind: 'proposal'; at: number; proposal: WaitingProposal }
  | { kind: 'waiting'; at: number; request: WaitingRequest }
  | { kind: 'busy' | 'free'; at: number; start: Date; end: Date }

/**
 * The free starts of one day as gaps: starts one step apart (or less) run
 * together, and a run is free from its first start to its last start's end.
 */
function freeGaps(starts: readonly number[], minutes: number, stepMinutes: number): { start: Date; end: Date }[] {
  const gaps: { start: number; last: number }[] = []
  for (const start of starts) {
    const gap = gaps.at(-1)
    if (gap && start - gap.last <= stepMinutes * 60_000) gap.last = start
    else gaps.push({ start, last: start })
  }
  return gaps.map((gap) => ({ start: new Date(gap.start), end: new Date(gap.last + minutes * 60_000) }))
}

/**
 * What happens on clinic `date`, in time order: appointments, proposals and
 * requests waiting (a period at its first hour), busy blocks (cut to the day)
 * and free gaps.
 */
export function listDayItems(week: AgendaWeek, date: string, timeZone: string, stepMinutes: number): DayItem[] {
  const dayStart = zonedInstant(date, '00:00', timeZone).getTime()
  const dayEnd = zonedInstant(addDays(date, 1), '00:00', timeZone).getTime()
  const onDay = (instant: Date | number) => zonedDate(new Date(instant), timeZone) === date
  const items: DayItem[] = [
    ...week.appointments.filter((entry) => onDay(entry.start)).map((entry) => ({ kind: 'appointment' as const, at: entry.start.getTime(), entry })),
    ...week.proposals.filter((proposal) => onDay(proposal.start)).map((proposal) => ({ kind: 'proposal' as const, at: proposal.start.getTime(), proposal })),
    ...week.waiting
      .filter((request) => request.time.date === date)
      .map((request) => ({
        kind: 'waiting' as const,
        at: (request.time.start ?? zonedInstant(date, periodHours[request.time.period].from, timeZone)).getTime(),
        request,
      })),
    ...week.busy
      .filter((block) => block.start.getTime() < dayEnd && block.end.getTime() > dayStart)
      .map((block) => {
        const start = new Date(Math.max(block.start.getTime(), dayStart))
        return { kind: 'busy' as const, at: start.getTime(), start, end: new Date(Math.min(block.end.getTime(), dayEnd)) }
      }),
    ...freeGaps(week.free.filter(onDay), week.freeMinutes, stepMinutes).map((gap) => ({ kind: 'free' as const, at: gap.start.getTime(), ...gap })),
  ]
  return items.sort((a, b) => a.at - b.at)
}
