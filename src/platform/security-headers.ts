import type { Context } from 'hono'
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
