import type { Db } from '../../platform/database'
import { describeError, logEvent } from '../../platform/log'
import { zonedDate } from '../../platform/time-zone'
import { type CountedView, viewOf } from './audience'
import { createDayKeys, markOf } from './reader'
import { createTally } from './tally'

export interface ViewCounterOptions {
  /** Cookies whose presence marks a browser not to count (the signed-in practitioner's). */
  uncountedCookies: readonly string[]
  /** How long the first view after a write waits for others to join its write, in the `waitUntil` of its own request. */
  gatherMs?: number
  /** How long a write is waited for before the next may start: one D1 call that never settles must not stop the isolate's counting. */
  writeWaitMs?: number
}

interface CountingContext {
  db: Db
  /** The request's instant, in ms since the epoch. */
  now: number
  /** The clinic's time zone: views are counted per clinic day. */
  timeZone: string
  /** READER_HASH_SECRET, from which each day's key for reader marks is derived. */
  readerSecret: string
  waitUntil(promise: Promise<unknown>): void
}

export interface ViewCounter {
  /**
   * Counts `request` once `answer` turns out a 200: an answer in hand (a page
   * cache hit) at once, in a few synchronous steps; a pending one after it is
   * sent, in `waitUntil`. A view finding no write pending schedules one
   * `gatherMs` later in its own request's `waitUntil`; views until then join it.
   */
  count(request: Request, answer: Response | Promise<Response>, context: CountingContext): void
  /** Writes what this isolate gathered now, after any write already under way; a pending write ends with it. */
  flush(db: Db): Promise<void>
}

/**
 * The clinic date at `now`, worked out once a minute: Intl's zone arithmetic
 * is the dearest step of a view, and every zone's offset is whole minutes.
 */
function createDayReader(): (now: number, timeZone: string) => string {
  let last = { minute: Number.NaN, timeZone: '', day: '' }
  return (now, timeZone) => {
    const minute = Math.floor(now / 60_000)
    if (minute !== last.minute || timeZone !== last.timeZone) last = { minute, timeZone, day: zonedDate(new Date(now), timeZone) }
    return last.day
  }
}

/**
 * Reader marks already computed since the last write, by address and user
 * agent: a reader's next pages within the gathering wait cost a lookup, not a
 * hash. Emptied at every write, so no address stays in memory longer than the
 * views it came with.
 */
function createMarkMemo() {
  // By address, then user agent: no key string is built, and the agent read from the request is hashed once for both its lookups.
  let marks = new Map<string, Map<string, string>>()
  let keyUsed: Uint8Array | undefined
  return {
    markOf(key: Uint8Array, address: string, userAgent: string): string {
      if (key !== keyUsed) {
        keyUsed = key
        marks = new Map()
      }
      let ofAddress = marks.get(address)
      if (!ofAddress) {
        ofAddress = new Map()
        marks.set(address, ofAddress)
      }
      let mark = ofAddress.get(userAgent)
      if (mark === undefined) {
        mark = markOf(key, address, userAgent)
        ofAddress.set(userAgent, mark)
      }
      return mark
    },
    forget() {
      marks = new Map()
    },
  }
}

/**
 * Counts views of public pages in the isolate and writes them to D1 in one
 * batch `gatherMs` after the first view since the last write, in the
 * `waitUntil` of that view's request: a lone view is written within seconds
 * with no later request, and a spike of readers is one write per isolate per
 * `gatherMs`, never one per view.
 *
 * @example
 * const views = createViewCounter({ uncountedCookies: ['clinic_uncounted'] })
 * views.count(request, answer, { db, now: Date.now(), timeZone, readerSecret: env.READER_HASH_SECRET, waitUntil: (p) => ctx.waitUntil(p) })
 */
export function createViewCounter({ uncountedCookies, gatherMs = 1_000, writeWaitMs = 10_000 }: ViewCounterOptions): ViewCounter {
  const tally = createTally()
  const dayKeys = createDayKeys()
  const dayOf = createDayReader()
  const marks = createMarkMemo()
  let writing: Promise<void> = Promise.resolve()
  // The write views gather for: its timer, and the end of the waitUntil of the request that opened it.
  let pending: { timer: ReturnType<typeof setTimeout>; done: () => void } | undefined

  function flush(db: Db): Promise<void> {
    const closing = pending
    pending = undefined
    if (closing) clearTimeout(closing.timer)
    writing = writing.then(async () => {
      marks.forget()
      const gathered = tally.take()
      if (!gathered) return
      let timer: ReturnType<typeof setTimeout> | undefined
      const waited = new Promise<'waited'>((resolve) => {
        timer = setTimeout(() => resolve('waited'), writeWaitMs)
      })
      try {
        // Views add to their rows, so a late write that still lands after the next one begins counts them once.
        // Loaded here, not at the top: an isolate answering cached pages evaluates the stores only once it writes.
        const write = import('./store/insight-counts').then(({ writeGatheredViews }) => writeGatheredViews(db, gathered))
        if ((await Promise.race([write, waited])) === 'waited') {
          logEvent('warn', 'views_write_slow', { views: gathered.views.reduce((sum, row) => sum + row.views, 0), waitedMs: writeWaitMs })
        }
      } catch (error) {
        // Lost like an evicted isolate's views would be: logged, never a failed page.
        logEvent('warn', 'views_unwritten', { views: gathered.views.reduce((sum, row) => sum + row.views, 0), error: describeError(error) })
      } finally {
        if (timer !== undefined) clearTimeout(timer)
      }
    })
    if (closing) void writing.then(closing.done)
    return writing
  }

  // The timer runs inside the opening request's waitUntil, so an isolate evicted after the answer still writes;
  // the runtime allows waitUntil work 30 s after the response, far more than gatherMs.
  function scheduleWrite(context: CountingContext) {
    if (pending) return
    context.waitUntil(
      new Promise<void>((done) => {
        pending = { timer: setTimeout(() => void flush(context.db), gatherMs), done }
      }),
    )
  }

  async function record(request: Request, view: CountedView, userAgent: string, answer: Promise<Response>, context: CountingContext) {
    // A failed answer is reported by the fetch it belongs to; here it only counts as no view.
    const status = await answer.then(
      (response) => response.status,
      () => 0,
    )
    if (status !== 200) return
    const day = dayOf(context.now, context.timeZone)
    tally.addView(day, view)
    try {
      const key = await dayKeys.keyFor(context.readerSecret, day)
      tally.addMark(day, view.path, marks.markOf(key, request.headers.get('CF-Connecting-IP') ?? '', userAgent))
    } catch (error) {
      // The view is counted; only its reader is not.
      logEvent('warn', 'reader_unmarked', { error: describeError(error) })
    }
    // Once the mark is in too: a first view of the day may wait for its key past a write that would leave its mark behind.
    scheduleWrite(context)
  }

  /**
   * Counts an answer already in hand (a page cache hit) at once, with no
   * promise and no waitUntil of its own unless it opens the write: most views
   * are such hits, and this is what keeps counting them cheap. False when the
   * day's key is not derived yet, leaving the view to `record`.
   */
  function recordNow(request: Request, view: CountedView, userAgent: string, answer: Response, context: CountingContext): boolean {
    if (answer.status !== 200) return true
    const day = dayOf(context.now, context.timeZone)
    const key = dayKeys.keyKnown(context.readerSecret, day)
    if (!key) return false
    tally.addView(day, view)
    tally.addMark(day, view.path, marks.markOf(key, request.headers.get('CF-Connecting-IP') ?? '', userAgent))
    scheduleWrite(context)
    return true
  }

  return {
    count(request, answer, context) {
      // Read once: it decides whether the request is a bot's, then marks the reader.
      const userAgent = request.headers.get('User-Agent')
      const view = viewOf(request, uncountedCookies, userAgent)
      if (!view) return
      if (answer instanceof Response && recordNow(request, view, userAgent ?? '', answer, context)) return
      context.waitUntil(record(request, view, userAgent ?? '', Promise.resolve(answer), context))
    },
    flush,
  }
}
