import { and, asc, between, eq, gte, lt, notInArray } from 'drizzle-orm'
import type { Db } from '../../../platform/database'
import { addDays, zonedInstant } from '../../../platform/time-zone'
import type { Settings } from '../../settings'
import { type AgendaEntry, listAgenda } from './appointment-queries'
import { listBusyBlocks } from './busy-calendar'
import { loadPractitionerFreeStarts } from './practitioner-times'
import { appointmentProposals, type PreferredTimeRow, preferredTimes, requests } from './schema'

/** A request the practitioner has not answered, on one of its preferred times. */
export interface WaitingRequest extends Pick<AgendaEntry, 'id' | 'reference' | 'name' | 'serviceId' | 'serviceName'> {
  time: Pick<PreferredTimeRow, 'date' | 'period' | 'start'>
}

/** A time proposed to a patient who has not chosen yet. */
export interface WaitingProposal extends Pick<AgendaEntry, 'id' | 'reference' | 'name' | 'start' | 'end'> {}

/** Everything the week view shows, for the seven clinic days from `monday`. */
export interface AgendaWeek {
  monday: string
  appointments: AgendaEntry[]
  proposals: WaitingProposal[]
  waiting: WaitingRequest[]
  /** The practitioner's own calendar: when, never what. */
  busy: { start: Date; end: Date }[]
  /** Free starts (epoch ms) of the shortest treatment offered, `freeMinutes` long. */
  free: number[]
  freeMinutes: number
}

/** Spam and closed requests hold no time and wait for nothing. */
const live = () => notInArray(requests.status, ['spam', 'closed'])

const person = { id: requests.id, reference: requests.reference, name: requests.name }

/**
 * The week from `monday` (a clinic date) as the practitioner works from it:
 * appointments, proposals and requests waiting, busy blocks and the free starts
 * of the shortest treatment offered, read from the one free-times reading.
 */
export async function loadAgendaWeek(db: Db, input: { monday: string; settings: Settings; now: Date }): Promise<AgendaWeek> {
  const { monday, settings } = input
  const sunday = addDays(monday, 6)
  const from = zonedInstant(monday, '00:00', settings.timeZone)
  const until = zonedInstant(addDays(monday, 7), '00:00', settings.timeZone)
  const offered = settings.services.length > 0 ? settings.services : settings.allServices
  const lengths = offered.map((service) => service.durationMinutes)
  const freeMinutes = lengths.length > 0 ? Math.min(...lengths) : 0
  const [appointments, proposals, waiting, busy, free] = await Promise.all([
    listAgenda(db, { from: monday, days: 7, timeZone: settings.timeZone }),
    db
      .select({ ...person, start: appointmentProposals.start, end: appointmentProposals.end })
      .from(appointmentProposals)
      .innerJoin(requests, eq(requests.id, appointmentProposals.requestId))
      .where(and(eq(requests.appointmentState, 'proposed'), live(), gte(appointmentProposals.start, from), lt(appointmentProposals.start, until)))
      .orderBy(asc(appointmentProposals.start)),
    db
      .select({
        ...person,
        serviceId: requests.serviceId,
        serviceName: requests.serviceName,
        time: { date: preferredTimes.date, period: preferredTimes.period, start: preferredTimes.start },
      })
      .from(preferredTimes)
      .innerJoin(requests, eq(requests.id, preferredTimes.requestId))
      .where(and(eq(requests.kind, 'booking'), eq(requests.appointmentState, 'requested'), live(), between(preferredTimes.date, monday, sunday)))
      .orderBy(asc(preferredTimes.date), asc(requests.createdAt), asc(preferredTimes.position)),
    listBusyBlocks(db, { from, until }),
    freeMinutes > 0
      ? loadPractitionerFreeStarts(db, { settings, durationMinutes: freeMinutes, from: monday, to: sunday, now: input.now })
      : Promise.resolve([]),
  ])
  return { monday, appointments, proposals, waiting, busy, free, freeMinutes }
}
