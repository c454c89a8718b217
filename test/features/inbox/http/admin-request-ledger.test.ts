import { and, eq } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { transitions } from '../../../../src/features/bookings/domain/states'
import { applyTransition } from '../../../../src/features/bookings/store/appointments'
import { appointmentProposals, requestEvents, requests } from '../../../../src/features/bookings/store/schema'
import { type AdminSession, adminGet, signIn } from '../../../helpers/admin'
import { db } from '../../../helpers/forms'
import { storeBooking } from '../../../helpers/manage'

let session: AdminSession

beforeAll(async () => {
  session = await signIn()
})

const hourMs = 3_600_000
const at = (iso: string) => new Date(iso)

/** The ledger's rows as "what | state | details", in the page's order. */
async function ledgerOf(id: string): Promise<string[]> {
  const html = await (await adminGet(session, `/admin/requests/${id}`)).text()
  const table = /<h2>Notifications<\/h2>([\s\S]*?)<\/table>/.exec(html)?.[1] ?? ''
  return [
    ...table.matchAll(
      /<tr><th scope="row">([^<]*)<\/th><td data-label="State"><span [^>]*>([^<]*)<\/span><\/td><td data-label="Attempts">\d+<\/td><td data-label="Details">([^<]*)<\/td>/g,
    ),
  ].map((match) => `${match[1]} | ${match[2]} | ${match[3]}`)
}

const statusHistory = async (id: string) =>
  (
    await db()
      .select()
      .from(requestEvents)
      .where(and(eq(requestEvents.requestId, id), eq(requestEvents.action, 'status')))
  ).map((event) => `${event.detail} (${event.actor})`)

const proposeWithEmail = (id: string, start: Date, now: Date) =>
  applyTransition(db(), {
    id,
    guard: transitions.propose,
    actor: 'practitioner',
    now,
    notifications: [{ id: crypto.randomUUID(), channel: 'appointment', topic: 'proposed' }],
    alongside: () => [
      db()
        .insert(appointmentProposals)
        .values({ requestId: id, position: 1, start, end: new Date(start.getTime() + hourMs) }),
    ],
  })

describe('the request page’s delivery list', () => {
  it('says what each notification is, to whom, and why one was not sent', async () => {
    const storedAt = at('2032-02-01T17:00:00Z')
    const { id } = await storeBooking(storedAt)
    const start = at('2032-02-10T17:00:00Z')
    const confirmed = await applyTransition(db(), {
      id,
      guard: transitions.confirm,
      actor: 'practitioner',
      now: new Date(storedAt.getTime() + 60_000),
      set: { confirmedStart: start, confirmedEnd: new Date(start.getTime() + hourMs), status: 'scheduled' },
      bumpSequence: true,
      notifications: [{ id: crypto.randomUUID(), channel: 'confirmation', topic: 'confirmed' }],
      reminders: [new Date(start.getTime() - 24 * hourMs)],
    })
    expect(confirmed).toBe(true)
    const newStart = new Date(start.getTime() + 24 * hourMs)
    const moved = await applyTransition(db(), {
      id,
      guard: transitions.move,
      actor: 'practitioner',
      now: new Date(storedAt.getTime() + 120_000),
      set: { confirmedStart: newStart, confirmedEnd: new Date(newStart.getTime() + hourMs) },
      bumpSequence: true,
      notifications: [{ id: crypto.randomUUID(), channel: 'appointment', topic: 'moved' }],
      reminders: [new Date(newStart.getTime() - 24 * hourMs)],
    })
    expect(moved).toBe(true)

    expect((await ledgerOf(id)).sort()).toEqual(
      [
        'New request to the clinic by email | pending | ',
        'Confirmation to the patient by email | not sent | superseded: the appointment changed before this email went out',
        'Reminder to the patient by email | not sent | the appointment changed before the reminder was due',
        'New time to the patient by email | pending | ',
        'Reminder to the patient by email | pending | ',
      ].sort(),
    )
  })
})

describe('the request’s status follows its appointment', () => {
  it('a proposal moves a new request to contacted, recorded in its history', async () => {
    const now = at('2032-03-01T17:00:00Z')
    const { id } = await storeBooking(now)
    expect(await proposeWithEmail(id, at('2032-03-08T17:00:00Z'), new Date(now.getTime() + 60_000))).toBe(true)
    const [row] = await db().select().from(requests).where(eq(requests.id, id))
    expect(row).toMatchObject({ status: 'contacted', appointmentState: 'proposed' })
    expect(await statusHistory(id)).toEqual(['new → contacted (practitioner)'])
  })

  it('a confirmation records the move to scheduled in the history', async () => {
    const now = at('2032-04-01T17:00:00Z')
    const { id } = await storeBooking(now)
    expect(await proposeWithEmail(id, at('2032-04-08T17:00:00Z'), new Date(now.getTime() + 60_000))).toBe(true)
    const start = at('2032-04-09T17:00:00Z')
    const confirmed = await applyTransition(db(), {
      id,
      guard: transitions.confirm,
      actor: 'practitioner',
      now: new Date(now.getTime() + 120_000),
      set: { confirmedStart: start, confirmedEnd: new Date(start.getTime() + hourMs), status: 'scheduled' },
      bumpSequence: true,
    })
    expect(confirmed).toBe(true)
    expect(await statusHistory(id)).toEqual(['new → contacted (practitioner)', 'contacted → scheduled (practitioner)'])
  })

  it('leaves a status the practitioner chose alone when proposing', async () => {
    const now = at('2032-05-01T17:00:00Z')
    const { id } = await storeBooking(now)
    await db().update(requests).set({ status: 'scheduled' }).where(eq(requests.id, id))
    expect(await proposeWithEmail(id, at('2032-05-08T17:00:00Z'), new Date(now.getTime() + 60_000))).toBe(true)
    const [row] = await db().select().from(requests).where(eq(requests.id, id))
    expect(row!.status).toBe('scheduled')
    expect(await statusHistory(id)).toEqual([])
  })
})
