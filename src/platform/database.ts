import { drizzle } from 'drizzle-orm/d1'
import type { Context, MiddlewareHandler } from 'hono'
import { getCookie, setCookie } from 'hono/cookie'

// Drizzle's D1 driver calls only prepare() and batch() on its client, which a
// D1 session has too; its type asks for the whole binding (exec, withSession).
const connect = (database: D1Database | D1DatabaseSession) => drizzle(database as D1Database)

export type Db = ReturnType<typeof connect>

/** A Drizzle client over one D1 session (made per request: a session is). */
export const createSessionDb = (session: D1DatabaseSession): Db => connect(session)

/** What withDatabase() puts on the context: `c.var.db`. */
export interface DatabaseVariables {
  db: Db
}

const clients = new WeakMap<D1Database, Db>()

/**
 * The Drizzle client for a D1 binding, made once per binding and shared by the
 * isolate's requests: it holds no request state. Queries name their tables
 * directly, so the client needs no schema (and knows no feature). Its reads go
 * to the primary database: the jobs and the queue consumer use it.
 */
export function createDb(database: D1Database): Db {
  let db = clients.get(database)
  if (!db) {
    db = connect(database)
    clients.set(database, db)
  }
  return db
}

// The bookmark of this isolate's last content-version reading: public pages are
// read from a replica at least that new, so a page rendered under a version
// never shows text from before it.
let publicReadsFrom: D1SessionBookmark | undefined

/** Public reads start from `bookmark` on (the content version reading's, see src/worker.ts). */
export function readPublicPagesFrom(bookmark: D1SessionBookmark | null): void {
  if (bookmark) publicReadsFrom = bookmark
}

export interface DatabaseOptions {
  /**
   * Where requests carry their session's bookmark from one to the next in an
   * HttpOnly cookie (the inbox: what a POST wrote, the next page reads), so
   * each sees its own writes even when a replica answers it.
   */
  bookmarkPath?: string
}

const bookmarkCookie = 'd1-bookmark'
// Bookmarks are hex groups joined by dashes; anything else in the cookie is ignored, never passed to D1.
const bookmarkShape = /^[0-9a-f-]{1,200}$/i

const under = (path: string, prefix: string) => path === prefix || path.startsWith(`${prefix}/`)

/** Where a request's session starts: see withDatabase(). */
function sessionStart(c: Context, carried: string | undefined): D1SessionBookmark | D1SessionConstraint {
  if (c.req.method !== 'GET' && c.req.method !== 'HEAD') return 'first-primary'
  if (!carried) return publicReadsFrom ?? 'first-unconstrained'
  const bookmark = getCookie(c, bookmarkCookie)
  return bookmark && bookmarkShape.test(bookmark) ? bookmark : 'first-primary'
}

/**
 * Puts a client for this request's D1 session on the context, so routes read
 * `c.var.db`. Reads of public pages go to the nearest replica (D1's Sessions
 * API) no older than the last content version this isolate read; writes start
 * on the primary (`first-primary`); under `bookmarkPath`, a request continues
 * from the bookmark its previous one left in a cookie, and leaves its own. The
 * binding is read per request (a test may pass its own).
 *
 * @example app.use(withDatabase({ bookmarkPath: '/admin' })).get('/', async (c) => c.json(await listThings(c.var.db)))
 */
export function withDatabase({ bookmarkPath }: DatabaseOptions = {}): MiddlewareHandler<{ Bindings: Env; Variables: DatabaseVariables }> {
  return async function database(c, next) {
    const carried = bookmarkPath && under(c.req.path, bookmarkPath) ? bookmarkPath : undefined
    const session = c.env.DB.withSession(sessionStart(c, carried))
    c.set('db', connect(session))
    await next()
    const reached = session.getBookmark()
    if (carried && reached) setCookie(c, bookmarkCookie, reached, { path: carried, httpOnly: true, secure: true, sameSite: 'Lax' })
  }
}
