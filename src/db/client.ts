import { drizzle } from 'drizzle-orm/d1'
import * as schema from './schema'

const connect = (database: D1Database) => drizzle(database, { schema })

export type Db = ReturnType<typeof connect>

const clients = new WeakMap<D1Database, Db>()

/**
 * The Drizzle client for a D1 binding, made once per binding: making one maps
 * every table's relations, work worth doing once per isolate rather than on
 * every request. The client holds no request state, so sharing it is safe.
 */
export function createDb(database: D1Database): Db {
  let db = clients.get(database)
  if (!db) {
    db = connect(database)
    clients.set(database, db)
  }
  return db
}
