import { integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core'

/**
 * Views of public pages per clinic day: `views` counts every view, `readers`
 * the distinct daily reader hashes (filled in once the day is over, from
 * `reader_marks`, and final from then on). No row holds anything about a reader.
 */
export const pageViews = sqliteTable(
  'page_views',
  {
    /** The clinic's calendar date, YYYY-MM-DD. */
    day: text('day').notNull(),
    path: text('path').notNull(),
    views: integer('views').notNull().default(0),
    readers: integer('readers').notNull().default(0),
    /** Views of /book and /contact opened from this path's article (its booking and contact links). */
    formOpens: integer('form_opens').notNull().default(0),
    /**
     * Set when the day's roll-up has counted this page's reader marks into
     * `readers`: a mark arriving later may be a reader already counted, whose
     * first mark the roll-up deleted, so it is dropped.
     */
    rolledUp: integer('rolled_up', { mode: 'boolean' }).notNull().default(false),
  },
  (table) => [primaryKey({ columns: [table.day, table.path] })],
)

/**
 * Today's reader hashes per page, only to count distinct readers across
 * isolates: deleted once the day's counts are rolled up.
 */
export const readerMarks = sqliteTable(
  'reader_marks',
  {
    day: text('day').notNull(),
    path: text('path').notNull(),
    hash: text('hash').notNull(),
  },
  (table) => [primaryKey({ columns: [table.day, table.path, table.hash] })],
)

/** Referring sites per clinic day: the host only (own host and no referrer left out). */
export const referrers = sqliteTable(
  'referrers',
  {
    day: text('day').notNull(),
    host: text('host').notNull(),
    views: integer('views').notNull().default(0),
  },
  (table) => [primaryKey({ columns: [table.day, table.host] })],
)
