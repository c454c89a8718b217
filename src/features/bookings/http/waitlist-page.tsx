import { type Context, Hono } from 'hono'
import { every } from 'hono/combine'
import type { AppEnv } from '../../../platform/env'
import { readFields } from '../../../platform/form-body'
import { limitBodySize, rateLimitPerClient, rateLimitSiteWide, requireFormContentType, requireSameOrigin } from '../../../platform/guards'
import { Refusal } from '../../../platform/refusal'
import { hmacHex, sameText } from '../../../platform/signing'
import { zonedDate } from '../../../platform/time-zone'
import { enqueue } from '../../notifications'
import { currentSettings, withPractice } from '../../settings'
import type { WaitlistEntryRow } from '../store/schema'
import { endWaitlistEntry, findWaitlistEntry, isWaiting, listEntryOffers } from '../store/waitlist'
import { WaitlistNotFoundPage, WaitlistPage, type WaitlistPageProps, WaitlistPlaceholderPage } from '../views/waitlist/WaitlistPage'
import { isDecoyWaitlistToken } from './waitlist-decoy'
import { takeOffer } from './waitlist-take'

type PageContext = Context<AppEnv>

const flashes = {
  joined: 'You are on the waitlist. We have emailed you the link to this page.',
  left: 'You have left the waitlist.',
} as const

const takenElsewhere = 'Someone else took this time. You are still on the waitlist, and we will offer you the next time that comes free.'

/** The hidden field the page's buttons send back: only someone who opened this page can post them. */
const pageTokenOf = (env: Env, tokenHash: string) => hmacHex(env.FORM_SECRET, `waitlist-page:${tokenHash}`)

const stateOf = (entry: WaitlistEntryRow, now: Date): WaitlistPageProps['state'] =>
  entry.endedReason ?? (entry.expiresAt.getTime() <= now.getTime() ? 'expired' : 'waiting')

/**
 * A waitlisted patient's private page at /waitlist/<token>: GET shows their
 * wish and open offers and changes nothing; "Take this time" and "Leave the
 * waitlist" are POSTs. Rate limited as the appointment pages. `clock` is the
 * page's notion of now, fixed in tests.
 */
export function waitlistPageRoutes({ clock = () => new Date() }: { clock?: () => Date } = {}) {
  const advice = () =>
    `Waitlist pages have been opened from your connection many times in a short while. Please wait a minute and try again, or call us on ${currentSettings().phone}.`
  const busy = () => `Waitlist pages are being opened unusually often just now. Please wait a minute and try again, or call us on ${currentSettings().phone}.`
  const limits = every(
    rateLimitPerClient('waitlist-page', (env) => env.MANAGE_RATE_LIMITER, advice),
    rateLimitSiteWide('waitlist-page', (env) => env.MANAGE_SITE_RATE_LIMITER, busy),
  )
  const guardPost = every(limits, requireSameOrigin(), requireFormContentType(), limitBodySize())

  const notFound = (c: PageContext) => c.html(withPractice(currentSettings(), <WaitlistNotFoundPage />), 404)

  async function render(
    c: PageContext,
    opened: { entry: WaitlistEntryRow; tokenHash: string },
    now: Date,
    message: WaitlistPageProps['message'],
    status: 200 | 409,
  ) {
    const settings = currentSettings()
    const { entry } = opened
    const offers = (await listEntryOffers(c.var.db, entry.id)).filter((offer) => offer.sentAt && !offer.outcome && offer.start.getTime() > now.getTime())
    const props: WaitlistPageProps = {
      action: `/waitlist/${c.req.param('token')}`,
      pageToken: await pageTokenOf(c.env, opened.tokenHash),
      state: stateOf(entry, now),
      treatment: entry.serviceName,
      fromDate: entry.fromDate,
      toDate: entry.toDate,
      days: entry.days,
      parts: entry.parts,
      until: zonedDate(new Date(entry.expiresAt.getTime() - 1), settings.timeZone),
      offers: offers.map((offer) => ({ id: offer.id, start: offer.start })),
      message,
      clock: settings,
    }
    return c.html(withPractice(settings, <WaitlistPage {...props} />), status)
  }

  /** The entry behind a posted button, once its link and page token check out, and the fields sent. */
  async function openForAction(c: PageContext) {
    const opened = await findWaitlistEntry(c.var.db, c.req.param('token') ?? '')
    if (!opened) return undefined
    const fields = await readFields(c)
    const expected = await pageTokenOf(c.env, opened.tokenHash)
    if (!sameText(typeof fields.pageToken === 'string' ? fields.pageToken : '', expected)) {
      throw new Refusal(403, 'Request refused', 'This button could not be checked. Open your waitlist page from the link in your email and try again.')
    }
    return { opened, fields }
  }

  return new Hono<AppEnv>()
    .get('/:token', limits, async (c) => {
      const opened = await findWaitlistEntry(c.var.db, c.req.param('token'))
      const flash = c.req.query('done')
      const message = flash !== undefined && Object.hasOwn(flashes, flash) ? { text: flashes[flash as keyof typeof flashes], kind: 'done' as const } : undefined
      if (opened) return render(c, opened, clock(), message, 200)
      if (await isDecoyWaitlistToken(c.env.FORM_SECRET, c.req.param('token'))) {
        return c.html(withPractice(currentSettings(), <WaitlistPlaceholderPage message={message} />))
      }
      return notFound(c)
    })
    .post('/:token/take', guardPost, async (c) => {
      const now = clock()
      const action = await openForAction(c)
      if (!action) return notFound(c)
      const { entry } = action.opened
      const offer = (await listEntryOffers(c.var.db, entry.id)).find((candidate) => candidate.id === action.fields.offer && candidate.sentAt)
      const refused = () => render(c, action.opened, now, { text: takenElsewhere, kind: 'refused' }, 409)
      if (!offer || offer.outcome || offer.start.getTime() <= now.getTime() || !isWaiting(entry, now)) return refused()
      const outcome = await takeOffer({ db: c.var.db, env: c.env, settings: currentSettings(), now }, entry, offer)
      if (!outcome.taken) {
        const current = await findWaitlistEntry(c.var.db, c.req.param('token'))
        return current ? render(c, current, now, { text: takenElsewhere, kind: 'refused' }, 409) : notFound(c)
      }
      await enqueue(c.env.NOTIFY_QUEUE, outcome.notificationIds)
      return c.redirect(`/manage/${outcome.manageToken}`, 303)
    })
    .post('/:token/leave', guardPost, async (c) => {
      const action = await openForAction(c)
      if (!action) return notFound(c)
      await endWaitlistEntry(c.var.db, { id: action.opened.entry.id, reason: 'left', now: clock() })
      return c.redirect(`/waitlist/${c.req.param('token')}?done=left`, 303)
    })
}
