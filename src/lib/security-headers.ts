import type { Context } from 'hono'
import { secureHeaders } from 'hono/secure-headers'
import { turnstileKeys } from '../requests/turnstile'

const turnstileOrigin = 'https://challenges.cloudflare.com'

/** Turnstile's widget is the only third-party code the site may load, and only when configured. */
const allowTurnstile = (c: Context<{ Bindings: Env }>) => (c.env && turnstileKeys(c.env) ? turnstileOrigin : "'none'")

/**
 * One policy for every response the Worker renders. Static files get the same
 * headers from static/_headers (a test keeps the two in step). Scripts are
 * refused (pages need none; JSON-LD blocks are data, which CSP does not
 * execute) except Turnstile's, when the forms use it.
 */
export const securityHeaders = () =>
  secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      scriptSrc: [allowTurnstile],
      frameSrc: [allowTurnstile],
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
