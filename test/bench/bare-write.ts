import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { type Bundle, collectModules } from './bundle.ts'
import { benchClinic } from './forms.ts'

/**
 * The statements the site sends, as Drizzle prints them (columns with no value
 * are literal nulls, so contact and booking differ): a contact is
 * src/features/bookings/store/requests.ts storeRequest's batch; a booking is
 * src/features/bookings/http/book-take.ts bookChosenTime's reads, then
 * src/features/bookings/store/take-time.ts takeTime's batch (its insert runs
 * only while nothing holds the time), then the patient's page link.
 * writes.ts posts one request to each Worker and compares the rows they
 * store, so a change to the schema or to those writes fails the bench.
 */
const holds = '"requests"."appointment_state" = ? and "requests"."status" not in (?, ?)'
const statements = {
  clearDedupe: 'update "requests" set "dedupe_key" = ? where ("requests"."dedupe_key" = ? and "requests"."created_at" <= ?)',
  contact:
    'insert into "requests" ("id", "reference", "kind", "status", "name", "email", "phone", "preferred_contact", "message", "service_id", "pain_type", "patient_status", "notes", "dedupe_key", "note", "confirmed_start", "confirmed_end", "appointment_state", "cancelled_by", "appointment_reason", "appointment_sequence", "search_key", "created_at") ' +
    'values (?, ?, ?, ?, ?, ?, ?, ?, ?, null, null, null, null, ?, null, null, null, ?, null, null, ?, ?, ?)',
  repeat: 'select "id", "reference", "booked_via" from "requests" where ("requests"."dedupe_key" = ? and "requests"."created_at" > ?)',
  held: `select "confirmed_start", "confirmed_end" from "requests" where ((${holds}) and "requests"."confirmed_start" < ? and "requests"."confirmed_end" > ?)`,
  busy: 'select "start", "end" from "busy_blocks" where ("busy_blocks"."start" < ? and "busy_blocks"."end" > ?) order by "busy_blocks"."start" asc',
  calendar: 'select "feed_url", "last_good_read_at" from "busy_calendar_state"',
  byAddress: `select count(*) from "requests" where ((${holds}) and "requests"."booked_via" <> ? and lower("requests"."email") = ? and "requests"."confirmed_start" > ?)`,
  byClient: `select count(*) from "requests" where ((${holds}) and "requests"."booked_via" <> ? and "requests"."client_key" = ? and "requests"."confirmed_start" > ?)`,
  take:
    'insert into "requests" ("id", "reference", "kind", "status", "name", "email", "phone", "service_id", "service_name", "service_duration_minutes", "service_price_cents", "pain_type", "patient_status", "notes", "dedupe_key", "note", "confirmed_start", "confirmed_end", "appointment_state", "appointment_sequence", "appointment_revision", "search_key", "booked_via", "client_key", "created_at") ' +
    'select ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ? ' +
    `where not exists (select 1 from "requests" where ((${holds}) and "requests"."id" <> ? and ("requests"."confirmed_start" < ? and "requests"."confirmed_end" > ?))) ` +
    'and not exists (select 1 from "busy_blocks" where ("busy_blocks"."start" < ? and "busy_blocks"."end" > ?)) returning "id"',
  event:
    'insert into "request_events" ("id", "request_id", "action", "detail", "actor", "created_at") select null, "requests"."id", ?, ?, ?, ? from "requests" where "requests"."id" = ?',
  guardedNotification:
    'insert into "notifications" ("id", "request_id", "channel", "status", "attempts", "last_error", "provider_message_id", "created_at", "updated_at", "sent_at", "claimed_until", "generation", "topic", "due_at", "appointment_sequence") ' +
    'select ?, "requests"."id", ?, ?, ?, null, null, ?, null, null, null, ?, ?, ?, "requests"."appointment_sequence" from "requests" where "requests"."id" = ?',
  pageToken: 'insert into "manage_tokens" ("hash", "request_id", "created_at") values (?, ?, ?) on conflict do nothing',
  notification:
    'insert into "notifications" ("id", "request_id", "channel", "status", "attempts", "last_error", "provider_message_id", "created_at", "updated_at", "sent_at", "claimed_until", "generation", "topic", "due_at", "appointment_sequence") ' +
    'values (?, ?, ?, ?, ?, null, null, ?, null, null, null, ?, ?, null, null)',
}

/**
 * The floor for a form POST: read the form, the site's D1 calls with the same
 * statements, one queue send, 303. For a contact that is one batch (dedupe-key
 * update, request, one outbox row per channel: the practitioner's and the
 * patient's acknowledgement, and the answer page's link to the patient's page). For a booking it is
 * what the site does to take a time directly: the repeat lookup, the day's
 * held times and busy blocks, the calendar state and the two upcoming-booking
 * counts (each group in parallel as the site sends it), the batch (dedupe-key
 * update, the conditional insert, its history row, the outbox rows guarded on
 * it: announcements, confirmation, reminders), the page link, then the queue.
 * No routing, no guards, no validation, no HMAC, no free-times computation,
 * no hashing of the link: the keys are random UUIDs, as unique as the site's,
 * and the search key is lower-cased without the site's accent folding.
 * With `?rate-limit=A,B` it first calls the rate-limit bindings A and B, one
 * after the other as the site's middleware does, each keyed by form and
 * client like the site's, and answers 429 when one refuses.
 */
const source = `// Generated by test/bench/bare-write.ts
const sql = ${JSON.stringify(statements, null, 2)}
const treatment = ${JSON.stringify(benchClinic.treatment)}
const reminderHours = ${JSON.stringify(benchClinic.reminderHours)}
const alphabet = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789'
const duplicateWindowMs = 10 * 60 * 1000
const day = 24 * 60 * 60 * 1000
const holds = ['confirmed', 'spam', 'closed']

// Slightly biased (256 is no multiple of 31): the bench needs unique references, not uniform ones.
const reference = () => Array.from(crypto.getRandomValues(new Uint8Array(8)), (byte) => alphabet[byte % alphabet.length]).join('')

async function book(env, field, now, ref) {
  const id = crypto.randomUUID()
  const dedupeKey = crypto.randomUUID()
  const clientKey = crypto.randomUUID()
  const start = Number(field('start'))
  const end = start + treatment.durationMinutes * 60000
  const email = field('email')
  await env.DB.prepare(sql.repeat).bind(dedupeKey, now - duplicateWindowMs).all()
  await Promise.all([
    env.DB.prepare(sql.held).bind(...holds, start + 2 * day, start - day).all(),
    env.DB.prepare(sql.busy).bind(start + 2 * day, start - day).all(),
  ])
  await Promise.all([
    env.DB.prepare(sql.calendar).all(),
    env.DB.prepare(sql.byAddress).bind(...holds, 'request', email.toLowerCase(), now).all(),
    env.DB.prepare(sql.byClient).bind(...holds, 'request', clientKey, now).all(),
  ])
  const searchKey = (field('name') + ' ' + email).toLowerCase()
  const announce = [env.NOTIFY_TO && 'email', env.NOTIFY_WEBHOOK_URL && 'webhook'].filter(Boolean).map((channel) => ({ id: crypto.randomUUID(), channel, topic: 'request', dueAt: null }))
  const confirmation = { id: crypto.randomUUID(), channel: 'confirmation', topic: 'confirmed', dueAt: null }
  const reminders = reminderHours.map((hours) => ({ id: crypto.randomUUID(), channel: 'appointment', topic: 'reminder', dueAt: start - hours * 3600000 }))
  const [, inserted] = await env.DB.batch([
    env.DB.prepare(sql.clearDedupe).bind(null, dedupeKey, now - duplicateWindowMs),
    env.DB.prepare(sql.take).bind(
      id, ref, 'booking', 'scheduled', field('name'), email, field('phone'), treatment.id, treatment.name, treatment.durationMinutes, treatment.priceCents,
      field('pain'), field('patientStatus'), field('notes'), dedupeKey, null, start, end, 'confirmed', 1, 1, searchKey, 'direct', clientKey, now,
      ...holds, id, end, start, end, start,
    ),
    env.DB.prepare(sql.event).bind('appointment', '→ confirmed: ' + new Date(start).toISOString(), 'patient', now, id),
    ...[...announce, confirmation, ...reminders].map((row) =>
      env.DB.prepare(sql.guardedNotification).bind(row.id, row.channel, 'pending', 0, now, 0, row.topic, row.dueAt, id),
    ),
  ])
  if (inserted.results.length === 0) return new Response('that time is taken', { status: 409 })
  const token = crypto.randomUUID().replaceAll('-', '')
  await env.DB.prepare(sql.pageToken).bind(crypto.randomUUID(), id, now).run()
  await env.NOTIFY_QUEUE.sendBatch([...announce, confirmation].map((row) => ({ body: { notificationId: row.id, generation: 0 } })))
  return new Response(null, { status: 303, headers: { Location: '/manage/' + token + '?done=booked' } })
}

export default {
  async fetch(request, env) {
    const url = new URL(request.url)
    const path = url.pathname
    const key = (path === '/book' ? 'booking:' : 'contact:') + request.headers.get('CF-Connecting-IP')
    for (const binding of url.searchParams.get('rate-limit')?.split(',') ?? []) {
      const { success } = await env[binding].limit({ key })
      if (!success) return new Response(null, { status: 429 })
    }
    const form = await request.formData()
    const field = (name) => {
      const value = form.get(name)
      return typeof value === 'string' && value !== '' ? value : null
    }
    const now = Date.now()
    const ref = reference()
    if (path === '/book') return book(env, field, now, ref)
    const id = crypto.randomUUID()
    const dedupeKey = crypto.randomUUID()
    // Lower case only: the site's accent folding is its own work, not the write's.
    const searchKey = (field('name') + ' ' + field('email')).toLowerCase()
    const outbox = [env.NOTIFY_TO && 'email', env.NOTIFY_WEBHOOK_URL && 'webhook', env.ACK_PATIENT !== 'false' && 'patient']
      .filter(Boolean)
      .map((channel) => ({ id: crypto.randomUUID(), channel }))
    const token = crypto.randomUUID().replaceAll('-', '')
    await env.DB.batch([
      env.DB.prepare(sql.clearDedupe).bind(null, dedupeKey, now - duplicateWindowMs),
      env.DB.prepare(sql.contact).bind(id, ref, 'contact', 'new', field('name'), field('email'), field('phone'), field('preferredContact'), field('message'), dedupeKey, null, 0, searchKey, now),
      ...outbox.map((row) => env.DB.prepare(sql.notification).bind(row.id, id, row.channel, 'pending', 0, now, 0, 'request')),
      env.DB.prepare(sql.pageToken).bind(crypto.randomUUID(), id, now),
    ])
    await env.NOTIFY_QUEUE.sendBatch(outbox.map((row) => ({ body: { notificationId: row.id, generation: 0 } })))
    return new Response(null, { status: 303, headers: { Location: path + '/thanks?ref=' + ref + '&page=' + token } })
  },
}
`

export function writeBareWriteBundle(outdir: string): Bundle {
  mkdirSync(outdir, { recursive: true })
  writeFileSync(join(outdir, 'bare-write.js'), source)
  return { dir: outdir, modules: collectModules(outdir, 'bare-write.js') }
}
