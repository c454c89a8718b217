import { zValidator } from '@hono/zod-validator'
import { type Context, Hono, type MiddlewareHandler } from 'hono'
import { every } from 'hono/combine'
import type { HtmlEscapedString } from 'hono/utils/html'
import type * as z from 'zod/mini'
import { privatePage } from '../../../platform/cache-control'
import type { AppEnv } from '../../../platform/env'
import { displayValues, type RawFields, readFields } from '../../../platform/form-body'
import { checkFormToken, issueFormToken, minimumFillMs } from '../../../platform/form-token'
import { limitBodySize, rateLimitPerClient, rateLimitSiteWide, requireFormContentType, requireSameOrigin } from '../../../platform/guards'
import { describeError, logEvent } from '../../../platform/log'
import { isJsonBody, wantsJson } from '../../../platform/negotiation'
import { newReference, referencePattern } from '../../../platform/reference'
import { Refusal } from '../../../platform/refusal'
import { newSecretToken } from '../../../platform/secret-token'
import { hmacHex } from '../../../platform/signing'
import { turnstileField, turnstileKeys, verifyTurnstile } from '../../../platform/turnstile'
import { configuredChannels, enqueue } from '../../notifications'
import { currentSettings, type Settings, withPractice } from '../../settings'
import { type FieldErrors, fieldErrors } from '../domain/form-fields'
import { sourceArticleField, sourceCandidate } from '../domain/source-article'
import type { RequestKind } from '../domain/vocabulary'
import { type NewRequestInput, type StoredRequest, storeRequest } from '../store/requests'
import { ThanksPage } from '../views/forms/ThanksPage'
import type { FormPageProps } from '../views/forms/types'
import { readThanksReceipt, thanksPath } from './thanks-receipt'

export interface RequestFormDefinition<Input> {
  kind: RequestKind
  /** Where the form lives, e.g. "/contact"; its receipt is at `${path}/thanks`. */
  path: string
  schema: z.ZodMiniType<Input>
  render: (props: FormPageProps, now: Date, settings: Settings) => HtmlEscapedString | Promise<HtmlEscapedString>
  toRecord: (input: Input) => Pick<NewRequestInput, 'request' | 'preferredTimes'>
}

/** The site-wide brake's answer, with the clinic's number as it is when the refusal is written. */
const busyAdvice = () =>
  `This form is receiving an unusual number of requests just now. Please wait a minute and try again, or call us on ${currentSettings().phone}.`

export interface FormEnv<Input> extends AppEnv {
  Variables: AppEnv['Variables'] & { fields: RawFields; token: string; input: Input }
}

export function formSecret(env: Env): string {
  if (!env.FORM_SECRET || env.FORM_SECRET.length < 16) throw new Error('FORM_SECRET is not set (at least 16 characters)')
  return env.FORM_SECRET
}

/**
 * GET and POST for one request form, plus its receipt page. POST runs the
 * guards (origin, type, size, rate), the bot traps, zod validation, Turnstile,
 * then one atomic store and a best-effort queue send.
 */
export function requestFormRoutes<Input>(form: RequestFormDefinition<Input>) {
  type Ctx = Context<FormEnv<Input>>

  const renderForm = (c: Ctx, props: Omit<FormPageProps, 'turnstileSiteKey' | 'turnstileAction'>, status: 200 | 422 | 503) => {
    c.header('Cache-Control', privatePage)
    const settings = currentSettings()
    return c.html(
      withPractice(settings, form.render({ ...props, turnstileSiteKey: turnstileKeys(c.env)?.siteKey, turnstileAction: form.kind }, new Date(), settings)),
      status,
    )
  }

  const sourceOf = (c: Ctx) => sourceCandidate(c.get('fields'), c.req.header('Referer'), c.req.url)

  /** What the patient typed, and the article they came from, which the next send no longer has in its Referer. */
  const typedValues = (c: Ctx) => {
    const values = displayValues(c.get('fields'))
    const source = sourceOf(c)
    if (source) values[sourceArticleField] = source
    else delete values[sourceArticleField]
    return values
  }

  const answerInvalid = (c: Ctx, errors: FieldErrors) =>
    wantsJson(c) ? c.json({ errors }, 422) : renderForm(c, { values: typedValues(c), errors, token: c.get('token') }, 422)

  const answerStored = (c: Ctx, reference: string, token?: string) =>
    wantsJson(c) ? c.json({ reference, ...(token ? { page: `/manage/${token}` } : {}) }, 201) : c.redirect(thanksPath(form.path, reference, token), 303)

  return new Hono<FormEnv<Input>>()
    .get('/', async (c) => {
      const token = await issueFormToken(formSecret(c.env), form.kind)
      // JSON clients take their token here and send it back as `started`, like the page's hidden field.
      if (wantsJson(c)) return c.json({ started: token, minimumFillSeconds: minimumFillMs / 1000 }, 200, { 'Cache-Control': privatePage })
      return renderForm(c, { values: {}, errors: {}, token }, 200)
    })
    .get('/thanks', async (c) => {
      const reference = c.req.query('ref') ?? ''
      if (!referencePattern.test(reference)) throw new Refusal(404, 'Page not found', 'There is no request with that reference.')
      c.header('Cache-Control', privatePage)
      const settings = currentSettings()
      const stored = await readThanksReceipt(c.var.db, { reference, token: c.req.query('page'), kind: form.kind, settings })
      return c.html(withPractice(settings, <ThanksPage kind={form.kind} reference={reference} practitioner={settings.practitioner} stored={stored} />))
    })
    .post('/', guardFormPost({ kind: form.kind, schema: form.schema, answerInvalid, answerStored }), async function store(c) {
      const input = c.get('input')
      const record = form.toRecord(input)
      let stored: StoredRequest
      const manageToken = newSecretToken()
      try {
        stored = await storeRequest(c.var.db, {
          ...record,
          sourceArticle: sourceOf(c),
          channels: configuredChannels(c.env),
          dedupeKey: await hmacHex(formSecret(c.env), JSON.stringify([form.kind, input])),
          manageToken,
          now: new Date(),
        })
      } catch (error) {
        logEvent('error', 'request_store_failed', { kind: form.kind, error: describeError(error) })
        const notice = 'We could not save your request just now, and nothing was stored. Please try again in a few minutes.'
        if (wantsJson(c)) return c.json({ error: notice }, 503, { 'Retry-After': '120' })
        c.header('Retry-After', '120')
        return renderForm(c, { values: typedValues(c), errors: {}, token: c.get('token'), notice }, 503)
      }
      if (stored.duplicate) return answerStored(c, stored.reference)
      await enqueue(c.env.NOTIFY_QUEUE, stored.notificationIds)
      return answerStored(c, stored.reference, manageToken)
    })
}

/** What the guards of a request form's POST need: its kind, its schema, and how it answers a refusal and a bot. */
export interface GuardedForm<Input> {
  kind: RequestKind
  schema: z.ZodMiniType<Input>
  /** The form again with the typed values and the problems (or the JSON errors), 422. */
  answerInvalid: (c: Context<FormEnv<Input>>, errors: FieldErrors) => Response | Promise<Response>
  /** The answer to a stored send, given to bots too so they learn nothing to adapt to. */
  answerStored: (c: Context<FormEnv<Input>>, reference: string) => Response
}

/**
 * The guards every request form's POST runs, as one middleware: origin, type,
 * size, per-client and site-wide rates, the bot traps, zod validation and
 * Turnstile. After it, `fields`, `token` and `input` are set.
 */
export function guardFormPost<Input>(form: GuardedForm<Input>): MiddlewareHandler<FormEnv<Input>> {
  type Ctx = Context<FormEnv<Input>>
  const { answerInvalid, answerStored } = form
  // Made once per form, not per request: the hook is handed each request's context.
  const validator = (target: 'form' | 'json') =>
    zValidator(target, form.schema, (result, context) => {
      // Typed with Hono's default Env here, being made outside the route chain.
      const c = context as unknown as Ctx
      if (!result.success) return answerInvalid(c, fieldErrors(result.error))
      c.set('input', result.data as Input)
    })
  const validators = { form: validator('form'), json: validator('json') }
  return every(
    requireSameOrigin(),
    requireFormContentType(),
    limitBodySize(),
    rateLimitPerClient(form.kind, (env) => env.FORM_RATE_LIMITER),
    rateLimitSiteWide(form.kind, (env) => env.FORM_SITE_RATE_LIMITER, busyAdvice),
    async function trapBots(c, next) {
      const fields = await readFields(c)
      c.set('fields', fields)
      const secret = formSecret(c.env)
      // Bots are answered as if stored, so they learn nothing to adapt to.
      if (fields.website !== undefined && fields.website !== '') return answerStored(c, newReference())
      const tokenState = await checkFormToken(secret, form.kind, fields.started)
      if (tokenState === 'too-fast') return answerStored(c, newReference())
      if (tokenState === 'invalid') {
        // Dated back by the fill time: the patient has already filled the form in, and
        // sending it straight back must not look like a bot and be dropped.
        c.set('token', await issueFormToken(secret, form.kind, Date.now() - minimumFillMs))
        return answerInvalid(c, {
          form: ['This form could not be checked, perhaps because it was open for a long time. Check your details and send it again.'],
        })
      }
      c.set('token', String(fields.started ?? ''))
      await next()
    },
    async function validate(c, next) {
      return validators[isJsonBody(c) ? 'json' : 'form'](c as unknown as Context, next)
    },
    async function turnstile(c, next) {
      const keys = turnstileKeys(c.env)
      const expected = { hostname: new URL(c.req.url).hostname, action: form.kind, remoteIp: c.req.header('CF-Connecting-IP') }
      if (keys && !(await verifyTurnstile(keys.secret, c.get('fields')[turnstileField], expected))) {
        return answerInvalid(c, { [turnstileField]: ['Complete the security check, then send the form again.'] })
      }
      await next()
    },
  ) as MiddlewareHandler<FormEnv<Input>>
}
