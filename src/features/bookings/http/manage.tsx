import { type Context, Hono, type MiddlewareHandler } from 'hono'
import { every } from 'hono/combine'
import { formatPrice } from '../../../config'
import { privatePage } from '../../../platform/cache-control'
import type { AppEnv } from '../../../platform/env'
import { displayValues, type RawFields, readFields } from '../../../platform/form-body'
import { limitBodySize, rateLimitPerClient, rateLimitSiteWide, requireFormContentType, requireSameOrigin } from '../../../platform/guards'
import { appointmentUid, enqueue, feedIcs, formatInstantWithZone } from '../../notifications'
import { currentSettings, type Settings, withPractice } from '../../settings'
import { bookableDates } from '../domain/booking-window'
import { type FieldErrors, fieldErrors } from '../domain/form-fields'
import { otherTimesSchema } from '../domain/other-times-schema'
import { pageClosesAt } from '../domain/page-expiry'
import { patientOffers } from '../domain/patient-offers'
import { findBookedTreatment, treatmentToFit } from '../domain/treatment'
import { writeReceipt } from '../receipt'
import { loadManagedBooking, loadManagedRequest, type ManagedBooking } from '../store/manage'
import { ManageNotFoundPage, ManagePage, type ManagePageProps } from '../views/ManagePage'
import { QuestionPage } from '../views/manage/QuestionPage'
import { type ActionContext, type ActionOutcome, askForOtherTimes, cancelBooking, chooseProposal } from './manage-actions'
import { issuePageToken, requirePageToken } from './manage-page-token'

type ManageContext = Context<AppEnv>

const done = {
  booked: 'Your appointment is booked. We are emailing you the confirmation.',
  chosen: 'Your appointment is confirmed. We are emailing you the details.',
  cancelled: 'Your appointment is cancelled. We are emailing you to confirm.',
  asked: 'Thank you: we have your new times and will be in touch.',
} as const

const refusals: Record<'choose' | 'cancel' | 'ask' | 'changed', () => string> = {
  choose: () => 'That time could not be booked: it has been taken, or your appointment changed meanwhile. Here is where it stands now.',
  cancel: () => `Your appointment can no longer be cancelled here. To cancel, please call us on ${currentSettings().phone}.`,
  ask: () => 'New times can no longer be asked for here. Here is where your appointment stands now.',
  changed: () => 'Your appointment changed after this page was opened. Here it is as it stands now: ask again if these times still do not suit you.',
}

/**
 * Headers for everything under /manage: the address is the key to a patient's
 * page, so it is never stored, indexed or sent on as a Referer. Mounted before
 * the site's security headers, so it runs after them and replaces their
 * Referrer-Policy while the CSP stays.
 */
export function privateLinkHeaders(): MiddlewareHandler {
  return async function privateLink(c, next) {
    await next()
    c.header('Cache-Control', privatePage)
    c.header('X-Robots-Tag', 'noindex')
    c.header('Referrer-Policy', 'no-referrer')
  }
}

/** The price the patient saw when booking, written in the clinic's currency. */
const priceOf = (request: ManagedBooking['request'], settings: Settings) => {
  const cents = findBookedTreatment(request, settings.allServices)?.priceCents
  return cents === undefined ? undefined : formatPrice(cents, settings)
}

/** The confirmed appointment as one calendar entry to add, under the same UID as its emailed invitation. */
function calendarFileOf({ request }: ManagedBooking, settings: Settings, link: string): string | undefined {
  if (request.appointmentState !== 'confirmed' || !request.confirmedStart || !request.confirmedEnd) return undefined
  const { address } = settings
  const event = {
    uid: appointmentUid(request.id, settings.siteUrl),
    sequence: request.appointmentSequence,
    start: request.confirmedStart,
    end: request.confirmedEnd,
    stamp: request.createdAt,
    summary: `${treatmentToFit(request, settings).name} at ${settings.clinicName}`,
    description: `Reference ${request.reference}. To change or cancel, open your appointment page: ${link}`,
    location: `${address.street}, ${address.locality}, ${address.region} ${address.postalCode}`,
    status: 'CONFIRMED' as const,
    url: link,
  }
  return feedIcs([event], settings.clinicName)
}

/** A proposed time can be taken only while its start is ahead: one that has passed is shown as past. */
const hasPassed = (proposal: { start: Date }, now: Date) => proposal.start.getTime() <= now.getTime()

/** Unknown, malformed, erased and expired links all get this one answer, so none can be told from another. */
const notFound = (c: ManageContext) => c.html(withPractice(currentSettings(), <ManageNotFoundPage />), 404)

/** `clock` is the page's notion of now (the cancellation window, the page's lifetime), fixed in tests. */
export function manageRoutes({ clock = () => new Date() }: { clock?: () => Date } = {}) {
  async function open(c: ManageContext, now: Date): Promise<ManagedBooking | undefined> {
    const booking = await loadManagedBooking(c.var.db, c.req.param('token') ?? '')
    if (!booking) return undefined
    const closesAt = pageClosesAt({
      requestedAt: booking.request.createdAt,
      confirmedEnd: booking.request.confirmedEnd,
      proposalEnds: booking.proposals.map((proposal) => proposal.end),
    })
    return now.getTime() > closesAt.getTime() ? undefined : booking
  }

  /** A question's page: what was asked and what happens next, open as long as an unscheduled booking's. */
  async function showQuestion(c: ManageContext, now: Date) {
    const opened = await loadManagedRequest(c.var.db, c.req.param('token') ?? '')
    if (opened?.request.kind !== 'contact') return notFound(c)
    const { request, times } = opened
    if (now.getTime() > pageClosesAt({ requestedAt: request.createdAt, confirmedEnd: null, proposalEnds: [] }).getTime()) return notFound(c)
    const settings = currentSettings()
    const receipt = writeReceipt(request, times, settings)
    return c.html(withPractice(settings, <QuestionPage receipt={receipt} received={formatInstantWithZone(request.createdAt)} />), 200)
  }

  async function render(
    c: ManageContext,
    booking: ManagedBooking,
    now: Date,
    extra: Pick<ManagePageProps, 'message'> & { ask?: ManagePageProps['ask'] },
    status: 200 | 409 | 422,
  ) {
    const settings = currentSettings()
    const { policy } = settings
    const { request } = booking
    const props: ManagePageProps = {
      action: `/manage/${c.req.param('token')}`,
      pageToken: await issuePageToken(c.env, booking.tokenHash),
      revision: request.appointmentRevision,
      reference: request.reference,
      state: request.appointmentState ?? 'requested',
      treatment: treatmentToFit(request, settings),
      price: priceOf(request, settings),
      start: request.confirmedStart,
      proposals: booking.proposals.map((proposal) => ({ ...proposal, past: hasPassed(proposal, now) })),
      times: booking.times,
      offers: patientOffers({ status: request.status, state: request.appointmentState, start: request.confirmedStart, now, policy }),
      cancelNoticeHours: policy.cancelNoticeHours,
      message: extra.message,
      ask: extra.ask ?? { values: {}, errors: {} },
      bookable: bookableDates(now, settings),
      clock: settings,
    }
    return c.html(withPractice(settings, <ManagePage {...props} />), status)
  }

  /** The booking behind a posted button, once its link and its page token check out; the fields it sent. */
  async function openForAction(c: ManageContext, now: Date): Promise<{ booking: ManagedBooking; fields: RawFields } | undefined> {
    const booking = await open(c, now)
    if (!booking) return undefined
    const fields = await readFields(c)
    await requirePageToken(c.env, booking.tokenHash, fields.pageToken)
    return { booking, fields }
  }

  /** After a write: its notifications on their way, then back to the page. */
  async function finish(c: ManageContext, outcome: string[], flash: keyof typeof done) {
    await enqueue(c.env.NOTIFY_QUEUE, outcome)
    return c.redirect(`/manage/${c.req.param('token')}?done=${flash}`, 303)
  }

  /** A refused or lost action: the page as it stands now, with what happened. */
  async function refuse(c: ManageContext, now: Date, action: keyof typeof refusals) {
    const current = await open(c, now)
    if (!current) return notFound(c)
    return render(c, current, now, { message: { text: refusals[action](), kind: 'refused' } }, 409)
  }

  const manageAdvice = () =>
    `Appointment pages have been opened from your connection many times in a short while. Please wait a minute and try again, or call us on ${currentSettings().phone}.`
  const busyAdvice = () =>
    `Appointment pages are being opened unusually often just now. Please wait a minute and try again, or call us on ${currentSettings().phone}.`
  const guardPost = every(requireSameOrigin(), requireFormContentType(), limitBodySize())
  /** 422: the page again with the times as typed and each problem beside its field. */
  const showTimeProblems = (c: ManageContext, booking: ManagedBooking, now: Date, fields: RawFields, errors: FieldErrors) =>
    render(c, booking, now, { ask: { values: displayValues(fields), errors } }, 422)
  const context = (c: ManageContext, now: Date): ActionContext => ({ db: c.var.db, env: c.env, policy: currentSettings().policy, now })
  const offersOf = (booking: ManagedBooking, now: Date) =>
    patientOffers({
      status: booking.request.status,
      state: booking.request.appointmentState,
      start: booking.request.confirmedStart,
      now,
      policy: currentSettings().policy,
    })
  const settle = async (c: ManageContext, now: Date, outcome: ActionOutcome, action: keyof typeof refusals, flash: keyof typeof done) =>
    outcome ? finish(c, outcome, flash) : refuse(c, now, action)

  return new Hono<AppEnv>()
    .use(rateLimitPerClient('manage', (env) => env.MANAGE_RATE_LIMITER, manageAdvice))
    .use(rateLimitSiteWide('manage', (env) => env.MANAGE_SITE_RATE_LIMITER, busyAdvice))
    .get('/:token', async (c) => {
      const now = clock()
      const booking = await open(c, now)
      if (!booking) return showQuestion(c, now)
      const flash = c.req.query('done')
      const message = flash !== undefined && Object.hasOwn(done, flash) ? { text: done[flash as keyof typeof done], kind: 'done' as const } : undefined
      return render(c, booking, now, { message }, 200)
    })
    .get('/:token/appointment.ics', async (c) => {
      const booking = await open(c, clock())
      const settings = currentSettings()
      const file = booking && calendarFileOf(booking, settings, new URL(`/manage/${c.req.param('token')}`, settings.siteUrl).toString())
      if (!file) return notFound(c)
      return c.body(file, 200, { 'Content-Type': 'text/calendar; charset=utf-8', 'Content-Disposition': 'attachment; filename="appointment.ics"' })
    })
    .post('/:token/choose', guardPost, async (c) => {
      const now = clock()
      const opened = await openForAction(c, now)
      if (!opened) return notFound(c)
      const proposal = opened.booking.proposals.find((candidate) => String(candidate.position) === opened.fields.position)
      if (!proposal || proposal.taken || hasPassed(proposal, now) || !offersOf(opened.booking, now).choose) return refuse(c, now, 'choose')
      return settle(c, now, await chooseProposal(context(c, now), opened.booking, proposal), 'choose', 'chosen')
    })
    .post('/:token/cancel', guardPost, async (c) => {
      const now = clock()
      const opened = await openForAction(c, now)
      if (!opened) return notFound(c)
      if (offersOf(opened.booking, now).cancel !== 'button') return refuse(c, now, 'cancel')
      return settle(c, now, await cancelBooking(context(c, now), opened.booking), 'cancel', 'cancelled')
    })
    .post('/:token/ask', guardPost, async (c) => {
      const now = clock()
      const opened = await openForAction(c, now)
      if (!opened) return notFound(c)
      if (!offersOf(opened.booking, now).ask) return refuse(c, now, 'ask')
      if (opened.fields.revision !== String(opened.booking.request.appointmentRevision)) return refuse(c, now, 'changed')
      const parsed = otherTimesSchema(treatmentToFit(opened.booking.request, currentSettings()), now, currentSettings()).safeParse(opened.fields)
      if (!parsed.success) return showTimeProblems(c, opened.booking, now, opened.fields, fieldErrors(parsed.error))
      return settle(c, now, await askForOtherTimes(context(c, now), opened.booking, parsed.data), 'ask', 'asked')
    })
}
