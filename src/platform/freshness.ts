import { describeError, logEvent } from './log'

/** How often, at most, an isolate reads the content version unless told otherwise. */
export const freshnessIntervalMs = 5_000

/**
 * The longest a public page may lag behind a change: past it, a request waits
 * for the version reading before it is answered.
 */
const freshnessBoundMs = 10_000

export interface FreshnessOptions {
  /** How often, at most, the version is read; a reading then runs after the answer. */
  intervalMs?: number
  /** How old the last good reading may be before a request waits for a new one. */
  boundMs?: number
  /**
   * Called when the version differs from the last one seen (and on the first
   * reading), before the new version is taken as seen: what it refreshes is
   * current before any request is answered under the new version.
   */
  onChange: (version: number) => void | Promise<void>
}

interface VersionCheck {
  /** The reading under way, for `ctx.waitUntil` or to await. */
  reading: Promise<void>
  /** Whether the last good reading began `boundMs` or more ago: the answer must wait for this one. */
  overdue: boolean
}

export interface FreshnessCheck {
  /**
   * Starts reading the version when the last reading began `intervalMs` or
   * more before `now`; returns the reading to await when overdue, or to let run
   * after the answer when merely due; otherwise undefined.
   */
  check(now: number, readVersion: () => Promise<number>): VersionCheck | undefined
  /** The version last read, or undefined before the first good reading. */
  version(): number | undefined
}

/**
 * Keeps what one isolate holds in memory in step with a version number other
 * isolates bump when they write. The first reading also counts as a change:
 * pages rendered while it was in flight may predate a write it sees. An idle
 * isolate's first request waits for the reading (overdue), so it never answers
 * from before a change made more than `boundMs` earlier.
 *
 * @example
 * const freshness = createFreshnessCheck({ onChange: () => pages.clear() })
 * const check = freshness.check(Date.now(), () => readContentVersion(db))
 * if (check?.overdue) await check.reading
 * else if (check) ctx.waitUntil(check.reading)
 */
export function createFreshnessCheck({ intervalMs = freshnessIntervalMs, boundMs = freshnessBoundMs, onChange }: FreshnessOptions): FreshnessCheck {
  let seen: number | undefined
  let lastStart = Number.NEGATIVE_INFINITY
  // When the last good reading began: what is held reflects D1 as of then.
  let confirmedFrom = Number.NEGATIVE_INFINITY
  let reading: Promise<void> | undefined

  async function read(startedAt: number, readVersion: () => Promise<number>): Promise<void> {
    try {
      const version = await readVersion()
      if (version !== seen) await onChange(version)
      seen = version
      confirmedFrom = Math.max(confirmedFrom, startedAt)
    } catch (error) {
      // Pages stay as they are until the next reading; a request never fails for it.
      logEvent('warn', 'content_version_unread', { error: describeError(error) })
    } finally {
      reading = undefined
    }
  }

  return {
    check(now, readVersion) {
      const overdue = now - confirmedFrom >= boundMs
      // One reading at a time: an overdue request waits for the one under way.
      if (reading) return overdue ? { reading, overdue } : undefined
      // After a failed reading, the next waits for the interval: a failing D1 is not asked on every request.
      if (now - lastStart < intervalMs) return undefined
      lastStart = now
      reading = read(now, readVersion)
      return { reading, overdue }
    },
    version: () => seen,
  }
}
