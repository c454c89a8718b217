import { and, eq } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { listExpiredRequests } from '../../../../src/features/bookings/store/expiry'
import { sendReply } from '../../../../src/features/bookings/store/replies'
import { requestEvents, requests } from '../../../../src/features/bookings/store/schema'
import { listThread } from '../../../../src/features/bookings/store/thread'
import { createRequestRoutes } from '../../../../src/features/inbox/http/request'
import { type AdminSession, adminAt, adminGet, adminPost, signIn } from '../../../helpers/admin'
import { db } from '../../../helpers/forms'
import { storeBooking } from '../../../helpers/manage'

let session: AdminSession

beforeAll(async () => {
  session = await signIn()
})

const storedAt = new Date('2072-08-01T16:00:00Z')
const askedQuestion = async () => storeBooking(storedAt, { kind: 'contact' })
const rowOf = async (id: string) => (await db().select().from(requests).where(eq(requests.id, id)))[0]!
const appointmentHistory = (id: string) =>
  db()
    .select({ detail: requestEvents.detail, actor: requestEvents.actor, createdAt: requestEvents.createdAt })
    .from(requestEvents)
    .where(and(eq(requestEvents.requestId, id), eq(requestEvents.action, 'appointment')))

describe('a question made a booking request from its page', () => {
  it('offers the treatments on a question’s page, and none on a booking’s', async () => {
    const { id } = await askedQuestion()
    const html = await (await adminGet(session, `/admin/requests/${id}`)).text()
    expect(html).toContain(`<form method="post" action="/admin/requests/${id}/booking">`)
    expect([...html.matchAll(/<select id="f-service" name="service"[^>]*>([\s\S]*?)<\/select>/g)][0]?.[1]).toContain(
      '<option value="back-pain">Back pain focused session, 60 minutes, $95.00</option>',
    )
    expect(html).not.toContain(`action="/admin/requests/${id}/propose"`)
    const booking = await storeBooking(storedAt)
    expect(await (await adminGet(session, `/admin/requests/${booking.id}`)).text()).not.toContain('/booking">')
  })

  it('keeps the request, its reference and conversation, snapshots the treatment, and then offers Propose and Confirm', async () => {
    const { id, reference } = await askedQuestion()
    await sendReply(db(), { requestId: id, key: crypto.randomUUID(), body: 'We will find you a time.', actor: 'practitioner', now: storedAt })
    const response = await adminPost(session, `/admin/requests/${id}/booking`, { service: 'back-pain' })
    expect(response.status).toBe(303)
    expect(response.headers.get('Location')).toBe(`/admin/requests/${id}?done=booking`)
    expect(await rowOf(id)).toMatchObject({
      reference,
      kind: 'booking',
      appointmentState: 'requested',
      serviceId: 'back-pain',
      serviceName: 'Back pain focused session',
      serviceDurationMinutes: 60,
      servicePriceCents: 9500,
      email: expect.stringMatching(/@/),
      name: 'Jamie Patient',
    })
    expect((await appointmentHistory(id)).map((event) => `${event.detail} (${event.actor})`)).toEqual([
      'question → requested: Back pain focused session (practitioner)',
    ])
    expect((await listThread(db(), id)).map((entry) => entry.body)).toEqual(['We will find you a time.'])
    const page = await (await adminGet(session, `/admin/requests/${id}?done=booking`)).text()
    expect(page).toContain('This question is now a booking request: propose times or confirm one below.')
    expect(page).toContain(`action="/admin/requests/${id}/propose"`)
    expect(page).toContain(`action="/admin/requests/${id}/confirm"`)
    expect(page).not.toContain(`action="/admin/requests/${id}/booking"`)
  })

  it('happens once: of two submits one wins and the other is refused, with one history line', async () => {
    const { id } = await askedQuestion()
    const answers = await Promise.all([
      adminPost(session, `/admin/requests/${id}/booking`, { service: 'back-pain' }),
      adminPost(session, `/admin/requests/${id}/booking`, { service: 'follow-up' }),
    ])
    expect(answers.map((answer) => answer.status).sort()).toEqual([303, 409])
    const refused = answers.find((answer) => answer.status === 409)!
    expect(await refused.text()).toContain('This request is already a booking request.')
    expect(await appointmentHistory(id)).toHaveLength(1)
  })

  it('refuses an unknown treatment, a question marked spam and an unknown request, changing nothing', async () => {
    const { id } = await askedQuestion()
    const unknown = await adminPost(session, `/admin/requests/${id}/booking`, { service: 'no-such-treatment' })
    expect(unknown.status).toBe(422)
    expect(await unknown.text()).toContain('Choose one of the listed treatments for the appointment.')
    await db().update(requests).set({ status: 'spam' }).where(eq(requests.id, id))
    const spam = await adminPost(session, `/admin/requests/${id}/booking`, { service: 'back-pain' })
    expect(spam.status).toBe(409)
    expect(await rowOf(id)).toMatchObject({ kind: 'contact', appointmentState: null, serviceId: null })
    expect((await adminPost(session, `/admin/requests/${crypto.randomUUID()}/booking`, { service: 'back-pain' })).status).toBe(404)
  })

  it('counts the expiry from when the question was booked, not from when it came', async () => {
    const { id } = await askedQuestion()
    const bookedAt = new Date('2072-08-20T16:00:00Z')
    const inbox = adminAt(createRequestRoutes({ clock: () => bookedAt }), '/admin/requests')
    expect((await inbox.post(`/admin/requests/${id}/booking`, { service: 'back-pain' })).status).toBe(303)
    expect(await listExpiredRequests(db(), { cutoff: new Date('2072-08-10T00:00:00Z'), limit: 10_000 })).not.toContain(id)
    expect(await listExpiredRequests(db(), { cutoff: new Date('2072-08-21T00:00:00Z'), limit: 10_000 })).toContain(id)
  })
})
