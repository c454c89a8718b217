import type { GatheredViews } from './store/insight-counts'

export interface Tally {
  /** Adds one counted view of `path` on `day`, with what it carried. */
  addView(day: string, view: { path: string; referrerHost?: string; fromSlug?: string }): void
  /** Adds a reader's mark; the same mark twice is kept once. */
  addMark(day: string, path: string, hash: string): void
  /** Everything gathered since the last take, and an empty tally; undefined when nothing was gathered. */
  take(): GatheredViews | undefined
  /** Whether anything was gathered since the last take. */
  readonly pending: boolean
}

/**
 * Counts by day, then by name. Nested maps rather than one map keyed by
 * "day name": a view then builds no key string, and a name read from the
 * request is hashed once for every lookup it serves.
 */
type DayCounts = Map<string, Map<string, number>>

function bump(counts: DayCounts, day: string, name: string) {
  let ofDay = counts.get(day)
  if (!ofDay) {
    ofDay = new Map()
    counts.set(day, ofDay)
  }
  ofDay.set(name, (ofDay.get(name) ?? 0) + 1)
}

function rows<K extends string, V extends string>(counts: DayCounts, name: K, value: V) {
  return [...counts].flatMap(([day, ofDay]) =>
    [...ofDay].map(([key, count]) => ({ day, [name]: key, [value]: count }) as { day: string } & Record<K, string> & Record<V, number>),
  )
}

/** Counts gathered in one isolate between two writes: a few maps, so a view costs no I/O. */
export function createTally(): Tally {
  let views: DayCounts = new Map()
  let referrers: DayCounts = new Map()
  let formOpens: DayCounts = new Map()
  // Day, then path, then the readers' marks.
  let marks = new Map<string, Map<string, Set<string>>>()
  let pending = false

  return {
    addView(day, view) {
      pending = true
      bump(views, day, view.path)
      if (view.referrerHost) bump(referrers, day, view.referrerHost)
      if (view.fromSlug) bump(formOpens, day, view.fromSlug)
    },
    addMark(day, path, hash) {
      pending = true
      let ofDay = marks.get(day)
      if (!ofDay) {
        ofDay = new Map()
        marks.set(day, ofDay)
      }
      let ofPath = ofDay.get(path)
      if (!ofPath) {
        ofPath = new Set()
        ofDay.set(path, ofPath)
      }
      ofPath.add(hash)
    },
    get pending() {
      return pending
    },
    take() {
      if (!pending) return undefined
      const gathered: GatheredViews = {
        views: rows(views, 'path', 'views'),
        referrers: rows(referrers, 'host', 'views'),
        formOpens: rows(formOpens, 'slug', 'opens'),
        marks: [...marks].flatMap(([day, ofDay]) => [...ofDay].flatMap(([path, hashes]) => [...hashes].map((hash) => ({ day, path, hash })))),
      }
      views = new Map()
      referrers = new Map()
      formOpens = new Map()
      marks = new Map()
      pending = false
      return gathered
    },
  }
}
