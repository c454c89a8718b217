import { type Context, Hono } from 'hono'
import { privatePage } from '../../../platform/cache-control'
import { zoneInWords } from '../../../platform/dates'
import type { AppEnv } from '../../../platform/env'
import { displayValues, type RawFields, readFields } from '../../../platform/form-body'
import { checkFormToken, issueFormToken, minimumFillMs } from '../../../platform/form-token'
import { limitBodySize, rateLimitPerClient, rateLimitSiteWide, requireFormContentType, requireSameOrigin } from '../../../platform/guards'
import { isJsonBody } from '../../../platform/negotiation'
import { turnstileField, turnstileKeys, verifyTurnstile } from '../../../platform/turnstile'
import { enqueue } from '../../notifications'
import { currentSettings, withPractice } from '../../settings'
import { type FieldErrors, fieldErrors } from '../domain/form-fields'
import { matchesWish } from '../domain/waitlist'
import { waitlistDates, waitlistExpiry, waitlistSchema } from '../domain/waitlist-schema'
import { loadFreeStarts } from '../store/free-times'
import { storeWaitlistEntry, waitlistLinkToken } from '../store/waitlist'
import { WaitlistJoinPage } from '../views/waitlist/WaitlistJoinPage'
import { decoyWaitlistToken } from './waitlist-decoy'

/** The form's name for its token, rate limits and Turnstile action. */
const form = 'waitlist'

const busyAdvice = () =>
  `The waitlist is receiving an unusual number of requests just now. Please wait a minute and try again, or call us on ${currentSettings().phone}.`

type JoinContext = Context<AppEnv>

function formSecret(env: Env): string {
  if (!env.FORM_SECRET || env.FORM_SECRET.length < 16) throw new Error('FORM_SECRET is not set (at least 16 characters)')
  return env.FORM_SECRET
}

/** The fields as sent; a web form's ticked days and parts arrive as repeated fields, kept whole. */
async function readJoinFields(c: JoinContext): Promise<RawFields> {
  const fields = await readFields(c)
  if (isJsonBody(c)) return fields
  const body = await c.req.formData()
  return { ...fields, days: body.getAll('days'), parts: body.getAll('parts') }
}

const listed = (value: unknown): string[] => (Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [])

/**
 * The waitlist form (GET, POST) at /waitlist/join, behind the same guards as
 * the request forms: origin, type, size, rate limits, honeypot, signed render
 * time, Turnstile. `clock` is the form's notion of now, fixed in tests.
 */
export function waitlistJoinRoutes({ clock = () => new Date() }: { clock?: () => Date } = {}) {
  const schema = waitlistSchema(() => currentSettings(), clock)

  const render = (
    c: JoinContext,
    props: { values: Record<string, string>; lists: { days: string[]; parts: string[] }; errors: FieldErrors; token: string },
    status: 200 | 422,
  ) => {
    c.header('Cache-Control', privatePage)
    const settings = currentSettings()
    return c.html(
      withPractice(
        settings,
        <WaitlistJoinPage
          {...props}
          turnstileSiteKey={turnstileKeys(c.env)?.siteKey}
          turnstileAction={form}
          treatments={settings.services}
          dates={waitlistDates(clock(), settings)}
          waitlistWeeks={settings.scheduling.waitlistWeeks}
          timeZoneName={zoneInWords(settings.timeZone, settings.locale)}
        />,
      ),
      status,
    )
  }

  const invalid = (c: JoinContext, fields: RawFields, errors: FieldErrors, token: string) =>
    render(c, { values: displayValues(fields), lists: { days: listed(fields.days), parts: listed(fields.parts) }, errors, token }, 422)

  return new Hono<AppEnv>()
    .get('/', async (c) => {
      const token = await issueFormToken(formSecret(c.env), form)
      const treatment = c.req.query('treatment')
      const values: Record<string, string> = treatment && currentSettings().services.some((service) => service.id === treatment) ? { service: treatment } : {}
      return render(c, { values, lists: { days: [], parts: [] }, errors: {}, token }, 200)
    })
    .post(
      '/',
      requireSameOrigin(),
      requireFormContentType(),
      limitBodySize(),
      rateLimitPerClient(form, (env) => env.FORM_RATE_LIMITER),
      rateLimitSiteWide(form, (env) => env.FORM_SITE_RATE_LIMITER, busyAdvice),
      async (c) => {
        const fields = await readJoinFields(c)
        const secret = formSecret(c.env)
        // Bots are answered as a person would be, down to the page the link opens, so they learn nothing to adapt to.
        const asIfJoined = async () => c.redirect(`/waitlist/${await decoyWaitlistToken(secret)}?done=joined`, 303)
        if (fields.website !== undefined && fields.website !== '') return asIfJoined()
        const tokenState = await checkFormToken(secret, form, fields.started)
        if (tokenState === 'too-fast') return asIfJoined()
        if (tokenState === 'invalid') {
          const fresh = await issueFormToken(secret, form, Date.now() - minimumFillMs)
          return invalid(
            c,
            fields,
            { form: ['This form could not be checked, perhaps because it was open for a long time. Check your details and send it again.'] },
            fresh,
          )
        }
        const token = String(fields.started)
        const parsed = await schema.safeParseAsync(fields)
        if (!parsed.success) return invalid(c, fields, fieldErrors(parsed.error), token)
        const keys = turnstileKeys(c.env)
        const expected = { hostname: new URL(c.req.url).hostname, action: form, remoteIp: c.req.header('CF-Connecting-IP') }
        if (keys && !(await verifyTurnstile(keys.secret, fields[turnstileField], expected))) {
          return invalid(c, fields, { [turnstileField]: ['Complete the security check, then send the form again.'] }, token)
        }
        const input = parsed.data
        const settings = currentSettings()
        const now = clock()
        const service = settings.allServices.find((candidate) => candidate.id === input.service)!
        // Times already free when they join are no news to them: only times that come free later are offered.
        const free = await loadFreeStarts(c.var.db, { settings, durationMinutes: service.durationMinutes, from: input.fromDate, to: input.toDate, now })
        const id = crypto.randomUUID()
        const stored = await storeWaitlistEntry(
          c.var.db,
          {
            id,
            serviceId: service.id,
            serviceName: service.name,
            name: input.name,
            email: input.email,
            phone: input.phone ?? null,
            patientStatus: input.patientStatus,
            fromDate: input.fromDate,
            toDate: input.toDate,
            days: input.days,
            parts: input.parts,
            knownFree: free.filter((start) => matchesWish(start, input, settings.timeZone)),
            createdAt: now,
            expiresAt: waitlistExpiry(now, settings.scheduling.waitlistWeeks, input.toDate, settings.timeZone),
          },
          secret,
        )
        // A repeat (a double click, the same wish again) is answered with the waiting entry's page, and emails nothing more.
        if (!stored.duplicate) await enqueue(c.env.NOTIFY_QUEUE, [stored.notificationId])
        return c.redirect(`/waitlist/${await waitlistLinkToken(secret, stored.id)}?done=joined`, 303)
      },
    )
}
