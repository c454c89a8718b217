import { drizzle } from 'drizzle-orm/d1'
import type { MiddlewareHandler } from 'hono'

const connect = (database: D1Database) => drizzle(database)

export type Db = ReturnType<typeof connect>

/** What withDatabase() puts on the context: `c.var.db`. */
export interface DatabaseVariables {
  db: Db
}

const clients = new WeakMap<D1Database, Db>()

/**
 * The Drizzle client for a D1 binding, made once per binding and shared by the
 * isolate's requests: it holds no request state. Queries name their tables
 * directly, so the client needs no schema (and knows no feature).
 */
export function createDb(database: D1Database): Db {
  let db = clients.get(database)
  if (!db) {
    db = connect(database)
    clients.set(database, db)
  }
  return db
}

/**
 * Puts the client for this request's `DB` binding on the context, so routes
 * read `c.var.db`. The binding is read per request (a test may pass its own),
 * and the client behind it is made once.
 *
 * @example app.use(withDatabase()).get('/', async (c) => c.json(await listThings(c.var.db)))
 */
export function withDatabase(): MiddlewareHandler<{ Bindings: Env; Variables: DatabaseVariables }> {
  return async function database(c, next) {
    c.set('db', createDb(c.env.DB))
    await next()
  }
}
