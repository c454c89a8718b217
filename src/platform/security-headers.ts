import type { Context, MiddlewareHandler } from 'hono'
import { secureHeaders } from 'hono/secure-headers'

export interface SecurityHeaderOptions {
  /**
   * The one third-party origin whose scripts and frames a response may load
   * (Turnstile's, when the forms use it), or undefined for none.
   */
  scriptOrigin?: (c: Context) => string | undefined
}

/**
 * One policy for every response the Worker renders. Static files get the same
 * headers from static/_headers (a test keeps the two in step). Scripts are
 * refused (pages need none; JSON-LD blocks are data, which CSP does not
 * execute) except Turnstile's, when the forms use it.
 */
export function securityHeaders({ scriptOrigin = () => undefined }: SecurityHeaderOptions = {}) {
  const allowScripts = (c: Context) => scriptOrigin(c) ?? "'none'"
  return secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      scriptSrc: [allowScripts],
      frameSrc: [allowScripts],
      styleSrc: ["'self'"],
      imgSrc: ["'self'", 'data:'],
      objectSrc: ["'none'"],
      baseUri: ["'none'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
      upgradeInsecureRequests: [],
    },
    strictTransportSecurity: 'max-age=63072000; includeSubDomains; preload',
    referrerPolicy: 'strict-origin-when-cross-origin',
    crossOriginOpenerPolicy: 'same-origin',
    crossOriginResourcePolicy: 'same-origin',
    xFrameOptions: 'DENY',
    permissionsPolicy: {
      camera: [],
      microphone: [],
      geolocation: [],
      payment: [],
      usb: [],
      browsingTopics: [],
    },
  })
}

/** What an email's HTML may use when shown alone: its inline styles, nothing else, framed by the inbox only. */
const emailDocumentPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'self'"

/**
 * Headers for the inbox's email previews (/admin/emails): an email's HTML
 * (`…/<kind>.html`) gets a policy of its own that allows its inline styles and
 * lets the inbox frame it; the pages around it may frame this origin. Mounted
 * before securityHeaders(), so it runs after them and replaces what it must.
 */
export function emailPreviewHeaders(): MiddlewareHandler {
  return async function emailPreview(c, next) {
    await next()
    if (new URL(c.req.url).pathname.endsWith('.html') && c.res.headers.get('Content-Type')?.startsWith('text/html') && c.res.status === 200) {
      c.header('Content-Security-Policy', emailDocumentPolicy)
      c.header('X-Frame-Options', 'SAMEORIGIN')
      return
    }
    const policy = c.res.headers.get('Content-Security-Policy')
    if (policy) c.header('Content-Security-Policy', policy.replace(/frame-src [^;]*/, "frame-src 'self'"))
  }
}
