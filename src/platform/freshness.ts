import { describeError, logEvent } from './log'

/** How often, at most, an isolate reads the content version unless told otherwise. */
export const freshnessIntervalMs = 5_000

export interface FreshnessOptions {
  /** How often, at most, the version is read. */
  intervalMs?: number
  /** Called when the version differs from the last one seen (and on the first reading). */
  onChange: () => void
}

export interface FreshnessCheck {
  /**
   * Starts reading the version when the last reading began `intervalMs` or more
   * before `now`, and returns that reading for `ctx.waitUntil`; otherwise undefined.
   */
  check(now: number, readVersion: () => Promise<number>): Promise<void> | undefined
}

/**
 * Keeps what one isolate holds in memory in step with a version number other
 * isolates bump when they write. The first reading also counts as a change:
 * pages rendered while it was in flight may predate a write it sees.
 *
 * @example
 * const freshness = createFreshnessCheck({ onChange: () => pages.clear() })
 * const reading = freshness.check(Date.now(), () => readContentVersion(db))
 * if (reading) ctx.waitUntil(reading)
 */
export function createFreshnessCheck({ intervalMs = freshnessIntervalMs, onChange }: FreshnessOptions): FreshnessCheck {
  let seen: number | undefined
  let lastStart = Number.NEGATIVE_INFINITY

  async function read(readVersion: () => Promise<number>): Promise<void> {
    try {
      const version = await readVersion()
      if (version !== seen) onChange()
      seen = version
    } catch (error) {
      // Pages stay as they are until the next reading; a request never fails for it.
      logEvent('warn', 'content_version_unread', { error: describeError(error) })
    }
  }

  return {
    check(now, readVersion) {
      if (now - lastStart < intervalMs) return undefined
      lastStart = now
      return read(readVersion)
    },
  }
}
