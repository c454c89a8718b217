import type { MiddlewareHandler } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { clientKey } from './client-key'
import { isJsonBody } from './negotiation'
import { Refusal } from './refusal'

export const maxBodyBytes = 32 * 1024

const acceptedTypes = /^(application\/x-www-form-urlencoded|multipart\/form-data|application\/json)\b/i

/**
 * Refuses a POST from another site. Browsers send Sec-Fetch-Site or Origin;
 * a form post with neither cannot be told apart from a forged one. JSON needs
 * a CORS preflight cross-site, which this site never grants, so a JSON client
 * without those headers is a non-browser client and may proceed.
 */
export function requireSameOrigin(): MiddlewareHandler {
  return async function sameOrigin(c, next) {
    const site = c.req.header('Sec-Fetch-Site')
    const origin = c.req.header('Origin')
    const sameOrigin = new URL(c.req.url).origin
    // A page sent with `Referrer-Policy: no-referrer` (the patient's page) makes the browser post `Origin: null`;
    // Sec-Fetch-Site, which no page can set, still tells a same-origin post apart.
    const originHidden = origin === 'null' && site === 'same-origin'
    const crossSite = (site !== undefined && site !== 'same-origin') || (origin !== undefined && origin !== sameOrigin && !originHidden)
    const unverifiable = site === undefined && origin === undefined && !isJsonBody(c)
    if (crossSite || unverifiable) {
      throw new Refusal(403, 'Request refused', 'This form can only be sent from this website. Open the form on our site and send it again.')
    }
    await next()
  }
}

/** 415 for anything but an HTML form or JSON body. */
export function requireFormContentType(): MiddlewareHandler {
  return async function formContentType(c, next) {
    if (!acceptedTypes.test(c.req.header('Content-Type') ?? '')) {
      throw new Refusal(415, 'Unsupported format', 'Send the form as a web form or as JSON (application/json).')
    }
    await next()
  }
}

/** 413 past 32 KB, read as a stream so an oversized body is never buffered whole. */
export const limitBodySize = (): MiddlewareHandler =>
  bodyLimit({
    maxSize: maxBodyBytes,
    onError: () => {
      throw new Refusal(413, 'Too much text', 'The form was too large to accept. Shorten your message and send it again.')
    },
  })

const waitAMinute = { 'Retry-After': '60' }

/**
 * 429 once one client has sent this form too often (Workers Rate Limiting
 * binding). A client is an IPv4 address or an IPv6 /64 (see lib/client-key.ts).
 */
/** A refusal's advice, or a function giving it when it names a setting that may change (the clinic's phone). */
type Advice = string | (() => string)

const adviceText = (advice: Advice): string => (typeof advice === 'string' ? advice : advice())

const formAdvice = 'You have sent this form several times in a short while. Please wait a minute and try again, or call us.'

export function rateLimitPerClient(name: string, limiter: (env: Env) => RateLimit, advice: Advice = formAdvice): MiddlewareHandler<{ Bindings: Env }> {
  return async function rateLimit(c, next) {
    const { success } = await limiter(c.env).limit({ key: `${name}:${clientKey(c.req.header('CF-Connecting-IP'))}` })
    if (!success) throw new Refusal(429, 'Too many requests', adviceText(advice), waitAMinute)
    await next()
  }
}

/**
 * 429 once the whole site has had too many of these in a short while, however
 * many clients they come from: a brake on an attack spread over many addresses.
 * Runs after the per-client limit, so one client's refused posts do not use up
 * everyone's allowance.
 */
export function rateLimitSiteWide(name: string, limiter: (env: Env) => RateLimit, advice: Advice): MiddlewareHandler<{ Bindings: Env }> {
  return async function rateLimitSite(c, next) {
    const { success } = await limiter(c.env).limit({ key: name })
    if (!success) throw new Refusal(429, 'Too many requests', adviceText(advice), waitAMinute)
    await next()
  }
}
