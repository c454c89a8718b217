import { isbot } from 'isbot'
import { requestUrlParts } from '../../platform/request-url'

/** The public pages whose views are counted: home, the article index and articles, and the two form pages. */
const countedPath = /^\/(?:articles(?:\/[a-z0-9-]+)?|book|contact)?$/

export interface CountedView {
  path: string
  /** The referring site's host, when it is another site. */
  referrerHost?: string
  /** The article slug a /book or /contact link carried (`?from=`), not yet checked against the articles. */
  fromSlug?: string
}

const slugShape = /^[a-z0-9-]{1,120}$/

/** User agents already judged: a reader's next page skips isbot's long pattern. Bounded; emptied when full. */
const botVerdicts = new Map<string, boolean>()
const botVerdictsKept = 512

function isBotAgent(userAgent: string | null): boolean {
  if (userAgent === null) return isbot(userAgent)
  let verdict = botVerdicts.get(userAgent)
  if (verdict === undefined) {
    verdict = isbot(userAgent)
    if (botVerdicts.size >= botVerdictsKept) botVerdicts.clear()
    botVerdicts.set(userAgent, verdict)
  }
  return verdict
}

/** The host of a Referer naming another site, or undefined (none, unreadable, or this site). */
function referrerHostOf(referer: string | null, ownHost: string): string | undefined {
  if (!referer || !URL.canParse(referer)) return undefined
  const { protocol, host } = new URL(referer)
  if ((protocol !== 'https:' && protocol !== 'http:') || host === '' || host === ownHost) return undefined
  return host
}

/**
 * What a request would count as a view, or null when it is not counted: only a
 * GET of a counted page, not a prefetch, not a bot, not from a browser holding
 * one of `uncountedCookies` (the signed-in practitioner's: their presence is
 * enough, no D1 read on this path).
 * Cheap on purpose: it runs before every answer, the page cache's included.
 *
 * @example viewOf(new Request('https://clinic.example.com/articles/x'), ['clinic_uncounted']) // { path: '/articles/x' }
 */
export function viewOf(request: Request, uncountedCookies: readonly string[], userAgent = request.headers.get('User-Agent')): CountedView | null {
  if (request.method !== 'GET') return null
  const { host, path, query } = requestUrlParts(request.url)
  if (!countedPath.test(path)) return null
  const headers = request.headers
  if (headers.get('Sec-Purpose')?.includes('prefetch') || headers.get('Purpose') === 'prefetch') return null
  const cookies = headers.get('Cookie')
  if (cookies && uncountedCookies.some((name) => cookies.includes(`${name}=`))) return null
  if (isBotAgent(userAgent)) return null
  const view: CountedView = { path }
  const referrerHost = referrerHostOf(headers.get('Referer'), host)
  if (referrerHost) view.referrerHost = referrerHost
  if ((path === '/book' || path === '/contact') && query !== '') {
    const from = new URLSearchParams(query).get('from')
    if (from && slugShape.test(from)) view.fromSlug = from
  }
  return view
}
