import type { Db } from '../../platform/database'
import { describeError, logEvent } from '../../platform/log'
import { zonedDate } from '../../platform/time-zone'
import { viewOf } from './audience'
import { createSaltKeeper, hashReader } from './reader'
import { writeGatheredViews } from './store/insight-counts'
import { createTally } from './tally'

export interface ViewCounterOptions {
  /** Cookies whose presence marks a browser not to count (the signed-in practitioner's). */
  uncountedCookies: readonly string[]
  /** The least time between two writes of one isolate; an evicted isolate loses at most the views of one interval. */
  intervalMs?: number
}

interface CountingContext {
  db: Db
  now: Date
  /** The clinic's time zone: views are counted per clinic day. */
  timeZone: string
  /** READER_HASH_SECRET, from which each day's salt for reader marks is derived. */
  readerSecret: string
  waitUntil(promise: Promise<unknown>): void
}

export interface ViewCounter {
  /**
   * Counts `request` once `answer` turns out a 200, after it is sent: the checks
   * that decide whether it counts are synchronous and cheap, the rest runs in
   * `waitUntil`. The first request of any kind `intervalMs` or more after
   * the isolate's first view or its last write writes what was gathered, so
   * views never wait for another reader to arrive.
   */
  count(request: Request, answer: Response | Promise<Response>, context: CountingContext): void
  /** Writes what this isolate gathered now, after any write already under way. */
  flush(db: Db): Promise<void>
}

/**
 * The clinic date at `now`, worked out once a minute: Intl's zone arithmetic
 * is the dearest step of a view, and every zone's offset is whole minutes.
 */
function createDayReader(): (now: Date, timeZone: string) => string {
  let last = { minute: Number.NaN, timeZone: '', day: '' }
  return (now, timeZone) => {
    const minute = Math.floor(now.getTime() / 60_000)
    if (minute !== last.minute || timeZone !== last.timeZone) last = { minute, timeZone, day: zonedDate(now, timeZone) }
    return last.day
  }
}

/**
 * Counts views of public pages in the isolate and writes them to D1 in one
 * batch at most every `intervalMs`: a spike of readers is one write per
 * isolate per interval, never one per view.
 *
 * @example
 * const views = createViewCounter({ uncountedCookies: ['clinic_uncounted'] })
 * views.count(request, answer, { db, now: new Date(), timeZone, readerSecret: env.READER_HASH_SECRET, waitUntil: (p) => ctx.waitUntil(p) })
 */
export function createViewCounter({ uncountedCookies, intervalMs = 5_000 }: ViewCounterOptions): ViewCounter {
  const tally = createTally()
  const salts = createSaltKeeper()
  const dayOf = createDayReader()
  let writing: Promise<void> = Promise.resolve()
  // Set by the first view, so a fresh isolate gathers a whole interval before its first write.
  let intervalStart: number | undefined

  function flush(db: Db): Promise<void> {
    writing = writing.then(async () => {
      const gathered = tally.take()
      if (!gathered) return
      try {
        await writeGatheredViews(db, gathered)
      } catch (error) {
        // Lost like an evicted isolate's views: bounded by one interval, never a failed page.
        logEvent('warn', 'views_unwritten', { views: gathered.views.reduce((sum, row) => sum + row.views, 0), error: describeError(error) })
      }
    })
    return writing
  }

  async function record(request: Request, view: NonNullable<ReturnType<typeof viewOf>>, answer: Response | Promise<Response>, context: CountingContext) {
    // A failed answer is reported by the fetch it belongs to; here it only counts as no view.
    const status = await Promise.resolve(answer).then(
      (response) => response.status,
      () => 0,
    )
    if (status !== 200) return
    const day = dayOf(context.now, context.timeZone)
    tally.addView(day, view)
    try {
      const salt = await salts.saltFor(context.readerSecret, day)
      const hash = await hashReader(salt, request.headers.get('CF-Connecting-IP') ?? '', request.headers.get('User-Agent') ?? '')
      tally.addMark(day, view.path, hash)
    } catch (error) {
      // The view is counted; only its reader is not.
      logEvent('warn', 'reader_unmarked', { error: describeError(error) })
    }
    intervalStart ??= context.now.getTime()
    writeIfDue(context)
  }

  // Written on a request, not by a timer: a timer in waitUntil would hold every request open for the interval.
  function writeIfDue(context: CountingContext) {
    const at = context.now.getTime()
    if (intervalStart === undefined || !tally.pending || at - intervalStart < intervalMs) return
    intervalStart = at
    context.waitUntil(flush(context.db))
  }

  return {
    count(request, answer, context) {
      const view = viewOf(request, uncountedCookies)
      if (view) context.waitUntil(record(request, view, answer, context))
      else writeIfDue(context)
    },
    flush,
  }
}
