import type { Context } from 'hono'
import { Refusal } from '../../../platform/refusal'
import { isCalendarDate } from '../../../platform/time-zone'
import type { AdminEnv } from '../../admin-access'
import { bookedMinutes, listProposals } from '../../bookings'
import { allows, appointmentFlashes, listThread, loadConfirmOffers, loadOfferedStarts, loadRequestDetail } from '../../bookings/admin'
import { currentSettings, withPractice } from '../../settings'
import { RequestDetailPage } from '../views/RequestDetailPage'
import type { ReplyBox } from '../views/ThreadSection'

const requestFlashes = {
  status: 'Status changed.',
  note: 'Note saved.',
  resent: 'The notification is queued to be sent again.',
  confirmed: 'Appointment confirmed. The patient is being emailed an invitation.',
  replied: 'Message sent. The conversation shows when it is delivered.',
  booking: 'This question is now a booking request: propose times or confirm one below.',
} as const

export type Flash = keyof typeof requestFlashes | keyof typeof appointmentFlashes

/** The notice a `?done=` names, if any. Own keys only: `in` would also match what every object inherits, such as ?done=constructor. */
function flashFor(done: string | undefined): string | undefined {
  if (done === undefined) return undefined
  if (Object.hasOwn(requestFlashes, done)) return requestFlashes[done as keyof typeof requestFlashes]
  return Object.hasOwn(appointmentFlashes, done) ? appointmentFlashes[done as keyof typeof appointmentFlashes] : undefined
}

export const notFound = () => new Refusal(404, 'Request not found', 'There is no request with that address. It may have been erased.')

export const back = (c: Context<AdminEnv>, done: Flash) => c.redirect(`/admin/requests/${c.req.param('id')}?done=${done}`, 303)

/** Offered starts are paged by `?from=`, a clinic date; anything else is a mistyped address. */
function readFrom(value: string | undefined): string | undefined {
  if (value === undefined || isCalendarDate(value)) return value
  throw new Refusal(400, 'Bad date', 'The week of free starts to show must be a date such as 2046-03-05. Go back to the request and use its links.')
}

/** The message box a plain GET shows: empty, or a saved reply's words (`?reply=<n>`), under a fresh idempotency key. */
function freshBox(reply: string | undefined, savedReplies: ReturnType<typeof currentSettings>['savedReplies']): ReplyBox {
  const saved = reply !== undefined && /^\d{1,2}$/.test(reply) ? savedReplies[Number(reply)] : undefined
  return { body: saved?.text ?? '', key: crypto.randomUUID() }
}

/**
 * A request's page as of `now`: its details, appointment forms, conversation
 * and ledger. `box` is a refused message shown again with its words (status
 * 422); without it the box is empty or holds the saved reply `?reply=` names.
 */
export async function renderRequestPage(c: Context<AdminEnv>, now: Date, refused?: { box: ReplyBox }) {
  const db = c.var.db
  const id = c.req.param('id') ?? ''
  const from = readFrom(c.req.query('from'))
  const [detail, proposals, thread] = await Promise.all([loadRequestDetail(db, id), listProposals(db, id), listThread(db, id)])
  if (!detail) throw notFound()
  const settings = currentSettings()
  const { request } = detail
  const minutes = bookedMinutes(request, settings)
  const [confirmOffers, offeredStarts] = await Promise.all([
    allows(request, 'confirm', now) ? loadConfirmOffers(db, { times: detail.times, minutes, settings, now }) : [],
    request.kind === 'booking' && (allows(request, 'propose', now) || allows(request, 'move', now))
      ? loadOfferedStarts(db, { settings, minutes, from, now, excluding: request.id })
      : undefined,
  ])
  return c.html(
    withPractice(
      settings,
      <RequestDetailPage
        detail={detail}
        proposals={proposals}
        confirmOffers={confirmOffers}
        offeredStarts={offeredStarts}
        minutes={minutes}
        settings={settings}
        now={now}
        csrfToken={c.get('csrfToken')}
        flash={refused ? undefined : flashFor(c.req.query('done'))}
        thread={thread}
        box={refused?.box ?? freshBox(c.req.query('reply'), settings.savedReplies)}
      />,
    ),
    refused ? 422 : 200,
  )
}
