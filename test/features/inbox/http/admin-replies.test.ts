import { and, eq } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { requestEvents, requests, threadMessages } from '../../../../src/features/bookings/store/schema'
import { createRequestRoutes } from '../../../../src/features/inbox/http/request'
import { notifications } from '../../../../src/features/notifications/store/schema'
import { type AdminSession, adminAt, adminGet, adminPost, signIn } from '../../../helpers/admin'
import { db } from '../../../helpers/forms'
import { storeBooking } from '../../../helpers/manage'

let session: AdminSession

beforeAll(async () => {
  session = await signIn()
})

const storedAt = new Date('2072-04-01T16:00:00Z')

/** A question stored as the contact form stores one, still `new`. */
const storeQuestion = async () => (await storeBooking(storedAt, { kind: 'contact' })).id

const outboxOf = (id: string) => db().select().from(notifications).where(eq(notifications.requestId, id))
const messagesOf = (id: string) => db().select().from(threadMessages).where(eq(threadMessages.requestId, id))
const replyRows = async (id: string) => (await outboxOf(id)).filter((row) => row.channel === 'reply')

/** The message box's words and error as the page shows them. */
const boxOf = (html: string) => ({
  text: /<textarea id="f-body"[^>]*>([\s\S]*?)<\/textarea>/.exec(html)?.[1],
  error: /id="f-body-error"[^>]*>([\s\S]*?)<\/p>/
    .exec(html)?.[1]
    ?.replace(/<[^>]+>/g, '')
    .trim(),
  key: /name="key" value="([0-9a-f-]{36})"/.exec(html)?.[1],
})

describe('POST /admin/requests/:id/replies', () => {
  it('stores the message, its outbox row and `contacted` in one write, and answers 303 with a notice', async () => {
    const id = await storeQuestion()
    const key = crypto.randomUUID()
    const response = await adminPost(session, `/admin/requests/${id}/replies`, { key, body: '  Hello Jamie,\r\n\r\nWe can see you on Tuesday.  ' })
    expect(response.status).toBe(303)
    expect(response.headers.get('Location')).toBe(`/admin/requests/${id}?done=replied`)
    const [message] = await messagesOf(id)
    const [row] = await replyRows(id)
    expect(message).toMatchObject({ id: key, author: 'clinic', body: 'Hello Jamie,\n\nWe can see you on Tuesday.', notificationId: row!.id, attachments: 0 })
    expect(row).toMatchObject({ channel: 'reply', topic: 'reply', status: 'pending', requestId: id, generation: 0 })
    const [request] = await db().select({ status: requests.status }).from(requests).where(eq(requests.id, id))
    expect(request!.status).toBe('contacted')
    const history = await db()
      .select({ detail: requestEvents.detail, actor: requestEvents.actor })
      .from(requestEvents)
      .where(and(eq(requestEvents.requestId, id), eq(requestEvents.action, 'status')))
    expect(history).toEqual([{ detail: 'new → contacted', actor: 'practitioner' }])
    const page = await (await adminGet(session, `/admin/requests/${id}?done=replied`)).text()
    expect(page).toContain('Message sent. The conversation shows when it is delivered.')
    expect(page).toMatch(/The clinic wrote, [^<]+<span class="badge delivery-pending">pending<\/span>/)
    expect(page).toContain('<p class="patient-text">Hello Jamie,\n\nWe can see you on Tuesday.</p>')
  })

  it('stores a double submit once: one message, one outbox row, the same 303', async () => {
    const id = await storeQuestion()
    const fields = { key: crypto.randomUUID(), body: 'Thank you, we will call you.' }
    const [first, second] = await Promise.all([
      adminPost(session, `/admin/requests/${id}/replies`, fields),
      adminPost(session, `/admin/requests/${id}/replies`, fields),
    ])
    const retried = await adminPost(session, `/admin/requests/${id}/replies`, fields)
    for (const response of [first, second, retried]) {
      expect(response.status).toBe(303)
      expect(response.headers.get('Location')).toBe(`/admin/requests/${id}?done=replied`)
    }
    expect(await messagesOf(id)).toHaveLength(1)
    expect(await replyRows(id)).toHaveLength(1)
    const statusLines = await db()
      .select()
      .from(requestEvents)
      .where(and(eq(requestEvents.requestId, id), eq(requestEvents.action, 'status')))
    expect(statusLines).toHaveLength(1)
  })

  it('leaves a status other than `new` as the practitioner set it', async () => {
    const id = await storeQuestion()
    await db().update(requests).set({ status: 'closed' }).where(eq(requests.id, id))
    expect((await adminPost(session, `/admin/requests/${id}/replies`, { key: crypto.randomUUID(), body: 'One more thing.' })).status).toBe(303)
    const [request] = await db().select({ status: requests.status }).from(requests).where(eq(requests.id, id))
    expect(request!.status).toBe('closed')
    expect(await replyRows(id)).toHaveLength(1)
  })

  it('shows an empty or too long message again with its words and a reason, and stores nothing', async () => {
    const id = await storeQuestion()
    const key = crypto.randomUUID()
    const empty = await adminPost(session, `/admin/requests/${id}/replies`, { key, body: '  \n ' })
    expect(empty.status).toBe(422)
    expect(boxOf(await empty.text())).toEqual({ text: '  \n ', error: 'Error: Write a message before sending it.', key })
    const long = `Dear Jamie, ${'a'.repeat(5000)}`
    const tooLong = await adminPost(session, `/admin/requests/${id}/replies`, { key, body: long })
    expect(tooLong.status).toBe(422)
    expect(boxOf(await tooLong.text())).toEqual({
      text: long,
      error: 'Error: A message can be at most 5,000 characters; this one has 5,012. Shorten it and send again.',
      key,
    })
    expect(await messagesOf(id)).toEqual([])
    expect(await outboxOf(id)).toHaveLength(1)
  })

  it('refuses spam, an unknown request and a form without its key, storing nothing', async () => {
    const id = await storeQuestion()
    await db().update(requests).set({ status: 'spam' }).where(eq(requests.id, id))
    const spam = await adminPost(session, `/admin/requests/${id}/replies`, { key: crypto.randomUUID(), body: 'Hello' })
    expect(spam.status).toBe(409)
    expect(await spam.text()).toContain('This request is marked spam, so no message is sent to it.')
    const gone = await adminPost(session, `/admin/requests/${crypto.randomUUID()}/replies`, { key: crypto.randomUUID(), body: 'Hello' })
    expect(gone.status).toBe(404)
    const other = await storeQuestion()
    const noKey = await adminPost(session, `/admin/requests/${other}/replies`, { key: 'not-a-key', body: 'Hello' })
    expect(noKey.status).toBe(400)
    expect(await noKey.text()).toContain('This message form is incomplete.')
    expect([...(await messagesOf(id)), ...(await messagesOf(other))]).toEqual([])
  })

  it('refuses a key another request’s message holds', async () => {
    const [first, second] = [await storeQuestion(), await storeQuestion()]
    const key = crypto.randomUUID()
    expect((await adminPost(session, `/admin/requests/${first}/replies`, { key, body: 'To the first' })).status).toBe(303)
    const reused = await adminPost(session, `/admin/requests/${second}/replies`, { key, body: 'To the second' })
    expect(reused.status).toBe(409)
    expect(await messagesOf(second)).toEqual([])
    expect(await replyRows(second)).toEqual([])
  })

  it('goes with the request when the patient is erased: the conversation and its outbox rows', async () => {
    const id = await storeQuestion()
    const [request] = await db().select({ email: requests.email }).from(requests).where(eq(requests.id, id))
    expect((await adminPost(session, `/admin/requests/${id}/replies`, { key: crypto.randomUUID(), body: 'About your question' })).status).toBe(303)
    await db().insert(threadMessages).values({ id: crypto.randomUUID(), requestId: id, author: 'patient', body: 'Thanks', createdAt: storedAt })
    expect((await adminPost(session, '/admin/erase/confirm', { email: request!.email })).status).toBe(200)
    expect(await messagesOf(id)).toEqual([])
    expect(await outboxOf(id)).toEqual([])
  })

  it('refuses a post without the CSRF token', async () => {
    const id = await storeQuestion()
    const response = await adminPost(session, `/admin/requests/${id}/replies`, { csrf: 'wrong', key: crypto.randomUUID(), body: 'Hello' })
    expect(response.status).toBe(403)
    expect(await messagesOf(id)).toEqual([])
  })
})

describe('the conversation on the request page', () => {
  const clock = new Date('2072-04-02T17:05:00Z')
  const inbox = adminAt(createRequestRoutes({ clock: () => clock }), '/admin/requests')

  it('lists the clinic’s and the patient’s messages in order, with who, when, delivery and attachments', async () => {
    const id = await storeQuestion()
    expect((await inbox.post(`/admin/requests/${id}/replies`, { key: crypto.randomUUID(), body: 'Could you come on Tuesday?' })).status).toBe(303)
    // The patient's reply, as the incoming email handler stores it.
    await db()
      .insert(threadMessages)
      .values({
        id: crypto.randomUUID(),
        requestId: id,
        author: 'patient',
        body: 'Yes, Tuesday suits me.',
        attachments: 1,
        messageId: `<${crypto.randomUUID()}@mail.example>`,
        createdAt: new Date('2072-04-02T18:30:00Z'),
      })
    const html = await (await inbox.get(`/admin/requests/${id}`)).text()
    const thread = /<ol class="thread">([\s\S]*?)<\/ol>/.exec(html)?.[1] ?? ''
    const entries = [...thread.matchAll(/<p class="meta">([\s\S]*?)<\/p><p class="patient-text">([^<]*)<\/p>/g)].map(
      ([, meta, body]) => `${meta!.replace(/<[^>]+>/g, '')} | ${body}`,
    )
    expect(entries).toEqual([
      'The clinic wrote, Apr 2, 2072, 10:05 AM pending | Could you come on Tuesday?',
      'Jamie Patient wrote, Apr 2, 2072, 11:30 AM (1 attachment, not kept) | Yes, Tuesday suits me.',
    ])
  })

  it('fills the box with a saved reply through a link, and the GET stores nothing', async () => {
    const id = await storeQuestion()
    const page = await (await inbox.get(`/admin/requests/${id}`)).text()
    expect(page).toContain(`<a href="/admin/requests/${id}?reply=1#f-body">Please choose a time</a>`)
    expect(boxOf(page).text).toBe('')
    const filled = await (await inbox.get(`/admin/requests/${id}?reply=1`)).text()
    expect(boxOf(filled).text).toBe('Thank you for your question. You can choose a time that suits you on our booking page, and we will confirm it by email.')
    expect(boxOf((await (await inbox.get(`/admin/requests/${id}?reply=99`)).text()) ?? '').text).toBe('')
    expect(await messagesOf(id)).toEqual([])
  })
})
