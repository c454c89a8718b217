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

const keyOf = (day: string, name: string) => `${day} ${name}`

function rows<K extends string>(counts: Map<string, number>, name: K, value: 'views' | 'opens') {
  return [...counts].map(([key, count]) => {
    const [day, rest] = [key.slice(0, 10), key.slice(11)]
    return { day, [name]: rest, [value]: count } as { day: string } & Record<K, string> & Record<typeof value, number>
  })
}

const bump = (counts: Map<string, number>, key: string) => counts.set(key, (counts.get(key) ?? 0) + 1)

/** Counts gathered in one isolate between two writes: a few maps, so a view costs no I/O. */
export function createTally(): Tally {
  let views = new Map<string, number>()
  let referrers = new Map<string, number>()
  let formOpens = new Map<string, number>()
  let marks = new Map<string, { day: string; path: string; hash: string }>()

  return {
    addView(day, view) {
      bump(views, keyOf(day, view.path))
      if (view.referrerHost) bump(referrers, keyOf(day, view.referrerHost))
      if (view.fromSlug) bump(formOpens, keyOf(day, view.fromSlug))
    },
    addMark(day, path, hash) {
      marks.set(`${day} ${path} ${hash}`, { day, path, hash })
    },
    get pending() {
      return views.size > 0 || marks.size > 0
    },
    take() {
      if (views.size === 0 && marks.size === 0) return undefined
      const gathered: GatheredViews = {
        views: rows(views, 'path', 'views') as GatheredViews['views'],
        referrers: rows(referrers, 'host', 'views') as GatheredViews['referrers'],
        formOpens: rows(formOpens, 'slug', 'opens') as GatheredViews['formOpens'],
        marks: [...marks.values()],
      }
      views = new Map()
      referrers = new Map()
      formOpens = new Map()
      marks = new Map()
      return gathered
    },
  }
}
