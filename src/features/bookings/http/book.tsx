import { type Context, Hono } from 'hono'
import { privatePage } from '../../../platform/cache-control'
import { clinicZoneName } from '../../../platform/dates'
import { displayValues } from '../../../platform/form-body'
import { issueFormToken, minimumFillMs } from '../../../platform/form-token'
import { describeError, logEvent } from '../../../platform/log'
import { isJsonBody, wantsJson } from '../../../platform/negotiation'
import { referencePattern } from '../../../platform/reference'
import { Refusal } from '../../../platform/refusal'
import { zonedDate } from '../../../platform/time-zone'
import { turnstileKeys } from '../../../platform/turnstile'
import { enqueue } from '../../notifications'
import { currentSettings, withPractice } from '../../settings'
import { isOnGrid, readStart, readWeek, weekOf } from '../domain/book-week'
import type { RequestReason } from '../domain/booking-mode'
import { type BookingInput, bookingSchema, offeredTreatment } from '../domain/booking-schema'
import { sourceArticleField, sourceCandidate } from '../domain/source-article'
import { busyCalendarOverdue } from '../store/free-times'
import { DetailsPage } from '../views/book/DetailsPage'
import { TreatmentsPage } from '../views/book/TreatmentsPage'
import { WeekPage } from '../views/book/WeekPage'
import { ThanksPage } from '../views/forms/ThanksPage'
import { type BookingOutcome, bookChosenTime } from './book-take'
import { loadWeek, type WeekAsked } from './book-week'
import { type FormEnv, formSecret, guardFormPost } from './request-form'
import { readThanksReceipt, thanksPath } from './thanks-receipt'

type Ctx = Context<FormEnv<BookingInput>>

const justTaken = 'That time was just taken. Choose another time: your details are kept.'
const oneTimeOnly = 'Choose one time: this treatment is booked at once, one time per booking.'
const notSaved = 'We could not save your booking just now, and nothing was stored. Please try again in a few minutes.'

/** The treatment named in the address, or a 404 page saying so. */
function treatmentNamed(id: string | undefined) {
  const treatment = offeredTreatment(id, currentSettings())
  if (typeof treatment === 'string') throw new Refusal(404, 'Treatment not found', `${treatment} from the list on the booking page.`)
  return treatment
}

/**
 * The patient's booking: `/book` lists the treatments, `/book?treatment=…&week=…`
 * shows a week of its free starts, `/book/details` the patient's details for
 * the time(s) chosen, and POST `/book` books them (see bookChosenTime). Every
 * page here is private: free times are read from D1 on each view. `clock` is
 * the pages' notion of now, fixed in tests.
 */
export function createBookingRoutes({ clock = () => new Date() }: { clock?: () => Date } = {}) {
  const html = (c: Context, page: Parameters<typeof withPractice>[1], status: 200 | 409 | 422 | 503 = 200) => {
    c.header('Cache-Control', privatePage)
    return c.html(withPractice(currentSettings(), page), status)
  }
  const turnstile = (c: Context) => ({ turnstileSiteKey: turnstileKeys(c.env)?.siteKey, turnstileAction: 'booking' })

  /** The week of `asked`, as a page choosing first (GET) or choosing again with the typed details kept (a refused POST). */
  async function renderWeek(c: Ctx, asked: WeekAsked, status: 200 | 409 | 422) {
    const overdue = await busyCalendarOverdue(c.var.db, asked.now)
    return html(c, <WeekPage {...(await loadWeek(c.var.db, asked, overdue))} />, status)
  }

  /** The details step again with what was typed and what is wrong, or the week when the time itself is wrong. */
  async function answerInvalid(c: Ctx, errors: Record<string, string[]>) {
    if (wantsJson(c)) return c.json({ errors }, 422)
    const fields = c.get('fields')
    const values = typedValues(c)
    const settings = currentSettings()
    const treatment = offeredTreatment(fields.treatment, settings)
    if (typeof treatment === 'string')
      return html(c, <TreatmentsPage settings={settings} today={zonedDate(clock(), settings.timeZone)} notice={treatment} source={sourceOf(c)} />, 422)
    const now = clock()
    const starts = await sentStarts(c)
    const grid = {
      weekly: settings.weekly,
      durationMinutes: treatment.durationMinutes,
      stepMinutes: settings.scheduling.stepMinutes,
      timeZone: settings.timeZone,
    }
    const valid = starts.flatMap((start) => (start !== undefined && isOnGrid(start, grid) ? [start] : []))
    if (errors.start || valid.length === 0) {
      const week = weekOf(zonedDate(new Date(valid[0] ?? now.getTime()), settings.timeZone))
      const retry = { kind: 'retry' as const, values, token: c.get('token'), ...turnstile(c) }
      return renderWeek(c, { treatment, week, now, errors, source: sourceOf(c), form: retry }, 422)
    }
    return renderDetails(c, { treatment, starts: valid, values, errors, token: c.get('token'), now }, 422)
  }

  async function renderDetails(
    c: Ctx,
    props: {
      treatment: ReturnType<typeof treatmentNamed>
      starts: number[]
      values: Record<string, string>
      errors: Record<string, string[]>
      token: string
      now: Date
      notice?: string
    },
    status: 200 | 422 | 503,
  ) {
    const settings = currentSettings()
    const several = props.treatment.bookingMode === 'request' || (await busyCalendarOverdue(c.var.db, props.now))
    const week = weekOf(zonedDate(new Date(props.starts[0]!), settings.timeZone))
    const { treatment, starts, values, errors, token, notice } = props
    const page = (
      <DetailsPage {...{ settings, treatment, starts, week, several, values, errors, token, notice }} zoneName={clinicZoneName()} {...turnstile(c)} />
    )
    return html(c, page, status)
  }

  return new Hono<FormEnv<BookingInput>>()
    .get('/', async (c) => {
      const id = c.req.query('treatment')
      if (id === undefined) {
        const token = await issueFormToken(formSecret(c.env), 'booking')
        // JSON clients take their token here and send it back as `started`, like the page's hidden field.
        if (wantsJson(c)) return c.json({ started: token, minimumFillSeconds: minimumFillMs / 1000 }, 200, { 'Cache-Control': privatePage })
        const settings = currentSettings()
        return html(c, <TreatmentsPage settings={settings} today={zonedDate(clock(), settings.timeZone)} source={sourceOnPage(c)} />)
      }
      const treatment = treatmentNamed(id)
      const weekValue = c.req.query('week')
      const week = weekValue === undefined ? undefined : readWeek(weekValue)
      if (weekValue !== undefined && week === undefined)
        throw new Refusal(400, 'Week not understood', 'The week must be a date like 2045-03-06. Choose a week from the booking page.')
      return renderWeek(c, { treatment, week, now: clock(), source: sourceOnPage(c), form: { kind: 'choose' } }, 200)
    })
    .get('/details', async (c) => {
      const treatment = treatmentNamed(c.req.query('treatment'))
      const settings = currentSettings()
      const now = clock()
      const sent = c.req.queries('start') ?? []
      const starts = sent.map(readStart)
      const grid = {
        weekly: settings.weekly,
        durationMinutes: treatment.durationMinutes,
        stepMinutes: settings.scheduling.stepMinutes,
        timeZone: settings.timeZone,
      }
      const week = readWeek(c.req.query('week') ?? '') ?? weekOf(zonedDate(now, settings.timeZone))
      const source = sourceOnPage(c)
      const refuse = (message: string) => renderWeek(c, { treatment, week, now, errors: { start: [message] }, source, form: { kind: 'choose' } }, 422)
      if (starts.length === 0) return refuse('Choose a time from the list')
      if (starts.length > 3) return refuse('Choose at most 3 times')
      if (starts.some((start) => start === undefined || !isOnGrid(start, grid)))
        return refuse('That is not one of the times offered. Choose a time from the list')
      const token = await issueFormToken(formSecret(c.env), 'booking')
      const values: Record<string, string> = source ? { [sourceArticleField]: source } : {}
      return renderDetails(c, { treatment, starts: starts as number[], values, errors: {}, token, now }, 200)
    })
    .get('/thanks', async (c) => {
      const reference = c.req.query('ref') ?? ''
      if (!referencePattern.test(reference)) throw new Refusal(404, 'Page not found', 'There is no request with that reference.')
      const reason = c.req.query('reason')
      const known: readonly string[] = ['first-visit', 'calendar-overdue', 'address-cap']
      const settings = currentSettings()
      const stored = await readThanksReceipt(c.var.db, { reference, token: c.req.query('page'), kind: 'booking', settings })
      const page = (
        <ThanksPage
          kind="booking"
          reference={reference}
          practitioner={settings.practitioner}
          reason={known.includes(reason ?? '') ? (reason as RequestReason) : undefined}
          stored={stored}
        />
      )
      return html(c, page)
    })
    .post(
      '/',
      guardFormPost<BookingInput>({
        kind: 'booking',
        schema: bookingSchema(),
        answerInvalid,
        answerStored: (c, reference) => answerStored(c, { kind: 'requested', reference, notificationIds: [] }),
      }),
      async function book(c) {
        const settings = currentSettings()
        const input = c.get('input')
        const treatment = treatmentNamed(input.treatment)
        const now = clock()
        let outcome: BookingOutcome
        try {
          outcome = await bookChosenTime(
            { db: c.var.db, env: c.env, settings, treatment, input, sourceArticle: sourceOf(c), now },
            c.req.header('CF-Connecting-IP'),
          )
        } catch (error) {
          logEvent('error', 'request_store_failed', { kind: 'booking', error: describeError(error) })
          if (wantsJson(c)) return c.json({ error: notSaved }, 503, { 'Retry-After': '120' })
          c.header('Retry-After', '120')
          return renderDetails(c, { treatment, starts: input.starts, values: typedValues(c), errors: {}, token: c.get('token'), now, notice: notSaved }, 503)
        }
        if (outcome.kind === 'taken' || outcome.kind === 'one-time-only') {
          const week = weekOf(zonedDate(new Date(input.starts[0]!), settings.timeZone))
          const message = outcome.kind === 'taken' ? justTaken : oneTimeOnly
          const status = outcome.kind === 'taken' ? 409 : 422
          if (wantsJson(c)) {
            const fresh = await loadWeek(c.var.db, { treatment, week, now, form: { kind: 'choose' } }, false)
            return c.json({ error: message, week, freeStarts: fresh.days.flatMap((day) => day.starts) }, status)
          }
          const retry = { kind: 'retry' as const, values: typedValues(c), token: c.get('token'), ...turnstile(c) }
          return renderWeek(
            c,
            {
              treatment,
              week,
              now,
              notice: outcome.kind === 'taken' ? message : undefined,
              source: sourceOf(c),
              errors: outcome.kind === 'taken' ? undefined : { start: [message] },
              form: retry,
            },
            status,
          )
        }
        await enqueue(c.env.NOTIFY_QUEUE, outcome.notificationIds)
        return answerStored(c, outcome)
      },
    )
}

/** The article the patient came from, which the next send no longer has in its Referer. */
const sourceOf = (c: Ctx) => sourceCandidate(c.get('fields'), c.req.header('Referer'), c.req.url)

/**
 * The article a booking page was reached from: the `source` its links carry
 * from step to step, or the `from` of the article's own link, else the
 * Referer (an article page, or `/book?from=…`). The pages are private, so
 * carrying it costs no cache.
 */
const sourceOnPage = (c: Context) =>
  sourceCandidate({ [sourceArticleField]: c.req.query('source') ?? c.req.query('from') }, c.req.header('Referer'), new URL('/book', c.req.url).href)

/** What the patient typed, to keep on every page that asks again. */
function typedValues(c: Ctx): Record<string, string> {
  const values = displayValues(c.get('fields'))
  const source = sourceOf(c)
  if (source) values[sourceArticleField] = source
  else delete values[sourceArticleField]
  return values
}

/** Every `start` sent (a radio sends one, checkboxes several), as numbers, or undefined where malformed. */
async function sentStarts(c: Ctx): Promise<(number | undefined)[]> {
  const sent = isJsonBody(c) ? c.get('fields').start : (await c.req.parseBody({ all: true })).start
  const values: unknown[] = sent === undefined || sent === '' ? [] : Array.isArray(sent) ? sent : [sent]
  return values.map(readStart)
}

/** A direct booking opens the patient's own page; a request its receipt, saying why when the treatment books directly. */
function answerStored(c: Ctx, outcome: Extract<BookingOutcome, { kind: 'booked' | 'requested' }>) {
  if (outcome.kind === 'booked') {
    const page = `/manage/${outcome.token}`
    return wantsJson(c) ? c.json({ reference: outcome.reference, mode: 'direct', page }, 201) : c.redirect(`${page}?done=booked`, 303)
  }
  if (wantsJson(c))
    return c.json(
      { reference: outcome.reference, mode: 'request', reason: outcome.reason ?? null, ...(outcome.token ? { page: `/manage/${outcome.token}` } : {}) },
      201,
    )
  return c.redirect(thanksPath('/book', outcome.reference, outcome.token, outcome.reason ? `&reason=${outcome.reason}` : ''), 303)
}

export const bookingRoutes = createBookingRoutes()
