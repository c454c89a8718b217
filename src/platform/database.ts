import { drizzle } from 'drizzle-orm/d1'

const connect = (database: D1Database) => drizzle(database)

export type Db = ReturnType<typeof connect>

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
