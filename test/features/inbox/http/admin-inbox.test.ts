import { env } from 'cloudflare:workers'
import { eq } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { requestEvents, requests } from '../../../../src/features/bookings/store/schema'
import { notifications } from '../../../../src/features/notifications/store/schema'
import { type AdminSession, adminGet, adminPost, signIn } from '../../../helpers/admin'
import { recordingQueue, wrapBinding } from '../../../helpers/bindings'
import { bookingFields, contactFields, db, post, referenceFrom, uniqueEmail } from '../../../helpers/forms'
import { filterIdOf, searchInbox } from '../../../helpers/inbox-search'

let session: AdminSession

beforeAll(async () => {
  session = await signIn()
})

/**
 * The real D1 binding, except that each batch waits until `parties` batches have
 * been asked for: every racer has done its reads before anyone writes, the
 * interleaving a race needs, made certain rather than left to timing.
 */
function batchesHeldTogether(parties: number): D1Database {
  let arrived = 0
  let release = () => {}
  const together = new Promise<void>((resolve) => (release = resolve))
  return wrapBinding(env.DB, {
    batch: async <T>(statements: D1PreparedStatement[]) => {
      if (++arrived === parties) release()
      await together
      return env.DB.batch<T>(statements)
    },
  })
}

async function storeContact(overrides: Record<string, string> = {}) {
  const fields = await contactFields(overrides)
  const reference = referenceFrom(await post('/contact', fields))
  const [row] = await db().select().from(requests).where(eq(requests.reference, reference))
  return row!
}

describe('the list', () => {
  it('shows requests newest first with kind, name, local time, status and notification state', async () => {
    const older = await storeContact({ name: `Older ${crypto.randomUUID().slice(0, 8)}` })
    const newer = await storeContact({ name: `Newer ${crypto.randomUUID().slice(0, 8)}` })
    const html = await (await adminGet(session, '/admin')).text()
    expect(html.indexOf(newer.name)).toBeGreaterThan(-1)
    expect(html.indexOf(newer.name)).toBeLessThan(html.indexOf(older.name))
    expect(html).toContain(`<a href="/admin/requests/${newer.id}">${newer.name}</a>`)
    expect(html).toContain('<span class="badge delivery-pending">pending</span>')
    expect(html).toMatch(/<time datetime="[^"]+">[A-Z][a-z]{2} \d{1,2}, \d{4}, \d{1,2}:\d{2}\s?[AP]M<\/time>/)
  })

  it('pages 25 at a time, the page links carrying only the saved search', async () => {
    const marker = `Pager${crypto.randomUUID().slice(0, 6)}`
    for (let i = 0; i < 27; i++) await storeContact({ name: `${marker} ${String(i).padStart(2, '0')}` })
    const list = await searchInbox(session, { q: marker })
    const first = await (await adminGet(session, list)).text()
    const second = await (await adminGet(session, `${list}&page=2`)).text()
    expect(first.match(new RegExp(`>${marker} \\d\\d<`, 'g'))).toHaveLength(25)
    expect(second.match(new RegExp(`>${marker} \\d\\d<`, 'g'))).toHaveLength(2)
    expect(first).toContain('Page 1 of 2')
    expect(first).toContain(`href="/admin?filter=${filterIdOf(list)}&amp;page=2"`)
    expect(second).toContain(`href="/admin?filter=${filterIdOf(list)}" rel="prev"`)
  })

  it.each([
    [['sent', 'unknown'], 'check'],
    [['pending', 'unknown'], 'check'],
    [['unknown', 'failed'], 'failed'],
    [['sent', 'skipped'], 'sent'],
    [['skipped'], 'sent'],
  ] as const)('shows notifications %j as %s', async (statuses, shown) => {
    const row = await storeContact()
    await db().delete(notifications).where(eq(notifications.requestId, row.id))
    const channels = ['email', 'patient'] as const
    for (const [index, status] of statuses.entries()) {
      await db().insert(notifications).values({ id: crypto.randomUUID(), requestId: row.id, channel: channels[index]!, status, createdAt: new Date() })
    }
    const html = await (await adminGet(session, await searchInbox(session, { q: row.reference }))).text()
    expect(html.match(/<span class="badge delivery-[a-z]+">[a-z]+<\/span>/g)).toEqual([
      `<span class="badge delivery-${shown}">${shown}</span>`,
      ...(shown === 'check' ? ['<span class="badge delivery-check">check</span>'] : []),
    ])
    expect(html.includes('may or may not have gone out')).toBe(shown === 'check')
  })
})

describe('a request', () => {
  it('shows everything the patient sent, escaped, with the delivery ledger', async () => {
    const row = await storeContact({ name: '<img src=x onerror=alert(1)>', message: 'Line one\n<script>alert(2)</script>' })
    const html = await (await adminGet(session, `/admin/requests/${row.id}`)).text()
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;')
    expect(html).toContain('&lt;script&gt;alert(2)&lt;/script&gt;')
    expect(html).not.toContain('<script>alert(2)')
    expect(html).toContain(row.email)
    expect(html).toMatch(
      /<th scope="row">New request to the clinic by email<\/th><td data-label="State"><span class="badge delivery-pending">pending<\/span><\/td><td data-label="Attempts">0<\/td>/,
    )
  })

  it('an unknown id is a 404', async () => {
    expect((await adminGet(session, `/admin/requests/${crypto.randomUUID()}`)).status).toBe(404)
  })

  it('changes status and records who and when', async () => {
    const row = await storeContact()
    const response = await adminPost(session, `/admin/requests/${row.id}/status`, { status: 'contacted' })
    expect(response.status).toBe(303)
    expect(response.headers.get('Location')).toBe(`/admin/requests/${row.id}?done=status`)
    const [updated] = await db().select().from(requests).where(eq(requests.id, row.id))
    expect(updated!.status).toBe('contacted')
    const events = await db().select().from(requestEvents).where(eq(requestEvents.requestId, row.id))
    expect(events.map((event) => [event.action, event.detail, event.actor])).toEqual([['status', 'new → contacted', 'practitioner']])
    const html = await (await adminGet(session, `/admin/requests/${row.id}?done=status`)).text()
    expect(html).toContain('Status changed.')
    expect(html).toContain('new → contacted (practitioner)')
  })

  it('records the real sequence when two status changes race: the one that lost is refused with 409', async () => {
    const row = await storeContact()
    const DB = batchesHeldTogether(2)
    const path = `/admin/requests/${row.id}/status`
    const responses = await Promise.all(['contacted', 'closed'].map((status) => adminPost(session, path, { status }, { DB })))
    expect(responses.map((response) => response.status).sort()).toEqual([303, 409])
    const refused = responses.find((response) => response.status === 409)!
    expect(await refused.text()).toContain('The status was changed by someone else. Reload the request.')
    const [updated] = await db().select().from(requests).where(eq(requests.id, row.id))
    const events = await db().select().from(requestEvents).where(eq(requestEvents.requestId, row.id))
    expect(events.map((event) => event.detail)).toEqual([`new → ${updated!.status}`])
  })

  it('shows no success box for a done= that is not one of its own messages', async () => {
    const row = await storeContact()
    for (const done of ['constructor', '__proto__', 'toString', 'nonsense']) {
      const html = await (await adminGet(session, `/admin/requests/${row.id}?done=${done}`)).text()
      expect(html).not.toContain('class="notice-ok"')
    }
  })

  it('refuses a status that does not exist', async () => {
    const row = await storeContact()
    expect((await adminPost(session, `/admin/requests/${row.id}/status`, { status: 'deleted' })).status).toBe(422)
  })

  it('keeps a private note', async () => {
    const row = await storeContact()
    expect((await adminPost(session, `/admin/requests/${row.id}/note`, { note: 'Called back, prefers mornings' })).status).toBe(303)
    const [updated] = await db().select().from(requests).where(eq(requests.id, row.id))
    expect(updated!.note).toBe('Called back, prefers mornings')
    expect((await adminPost(session, `/admin/requests/${row.id}/note`, { note: 'n'.repeat(5001) })).status).toBe(422)
  })

  it('resends a sent or failed notification through the queue and records it', async () => {
    const row = await storeContact()
    const [notification] = await db().select().from(notifications).where(eq(notifications.requestId, row.id))
    const path = `/admin/requests/${row.id}/notifications/${notification!.id}/resend`
    const { binding: queue, enqueued: sent } = recordingQueue()
    expect((await adminPost(session, path, {}, { NOTIFY_QUEUE: queue })).status).toBe(409)

    await db().update(notifications).set({ status: 'failed', lastError: 'provider down' }).where(eq(notifications.id, notification!.id))
    const response = await adminPost(session, path, {}, { NOTIFY_QUEUE: queue })
    expect(response.status).toBe(303)
    expect(sent).toEqual([notification!.id])
    const [after] = await db().select().from(notifications).where(eq(notifications.id, notification!.id))
    expect(after!.status).toBe('pending')
    const events = await db().select().from(requestEvents).where(eq(requestEvents.requestId, row.id))
    expect(events.map((event) => event.detail)).toEqual(['email notification queued to be sent again'])
  })

  it('records one resend when two race for the same notification', async () => {
    const row = await storeContact()
    const [notification] = await db().select().from(notifications).where(eq(notifications.requestId, row.id))
    await db().update(notifications).set({ status: 'sent' }).where(eq(notifications.id, notification!.id))
    const path = `/admin/requests/${row.id}/notifications/${notification!.id}/resend`
    const DB = batchesHeldTogether(2)
    const responses = await Promise.all([adminPost(session, path, {}, { DB }), adminPost(session, path, {}, { DB })])
    expect(responses.map((response) => response.status).sort()).toEqual([303, 409])
    const events = await db().select().from(requestEvents).where(eq(requestEvents.requestId, row.id))
    expect(events.map((event) => [event.action, event.detail])).toEqual([['resend', 'email notification queued to be sent again']])
  })
})

describe('erasure', () => {
  it('asks first, then removes every request, time, outbox row and note of that email, leaving a count-only receipt', async () => {
    const email = uniqueEmail('erase')
    const contact = await storeContact({ email })
    // Taken directly: its reminder and history go with it too.
    expect((await post('/book', await bookingFields({ email }))).headers.get('Location')).toMatch(/^\/manage\//)
    await adminPost(session, `/admin/requests/${contact.id}/note`, { note: 'private' })
    const other = await storeContact()

    const confirm = await adminPost(session, '/admin/erase', { email: email.toUpperCase() })
    expect(confirm.status).toBe(200)
    expect(await confirm.text()).toContain(`This permanently erases 2 requests from ${email}`)
    expect(await db().select().from(requests).where(eq(requests.email, email))).toHaveLength(2)

    const done = await adminPost(session, '/admin/erase/confirm', { email })
    expect(await done.text()).toContain('Erased 2 requests')
    const counts = await env.DB.prepare(
      `select (select count(*) from requests where email = ?1) as requests,
              (select count(*) from preferred_times where request_id not in (select id from requests)) as orphanTimes,
              (select count(*) from notifications where request_id not in (select id from requests)) as orphanOutbox,
              (select count(*) from request_events where request_id not in (select id from requests)) as orphanEvents`,
    )
      .bind(email)
      .first()
    expect(counts).toEqual({ requests: 0, orphanTimes: 0, orphanOutbox: 0, orphanEvents: 0 })
    const receipt = await env.DB.prepare(`select * from receipts where action = 'erasure' order by id desc limit 1`).first()
    expect(receipt).toMatchObject({ action: 'erasure', count: 2 })
    expect(JSON.stringify(receipt)).not.toContain(email)
    expect(await db().select().from(requests).where(eq(requests.id, other.id))).toHaveLength(1)
  })

  it('says when nothing is stored and refuses a malformed address', async () => {
    expect(await (await adminPost(session, '/admin/erase', { email: uniqueEmail('nobody') })).text()).toContain('There is nothing stored for')
    expect((await adminPost(session, '/admin/erase', { email: 'not-an-email' })).status).toBe(422)
  })
})
