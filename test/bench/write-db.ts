import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Miniflare } from 'miniflare'
import { projectRoot } from './tools.ts'

/** migrations/*.sql in order, each split at drizzle-kit's statement breakpoints and run as one batch. */
export async function applyMigrations(miniflare: Miniflare, worker: string): Promise<void> {
  const db = await miniflare.getD1Database('DB', worker)
  const dir = join(projectRoot, 'migrations')
  for (const file of readdirSync(dir)
    .filter((name) => name.endsWith('.sql'))
    .sort()) {
    const queries = readFileSync(join(dir, file), 'utf8')
      .split('--> statement-breakpoint')
      .map((query) => query.trim())
      .filter(Boolean)
    await db.batch(queries.map((query) => db.prepare(query)))
  }
}

export interface Shape {
  /** Columns of the stored request that hold a value. */
  filled: string[]
  preferredTimes: number
  notifications: number
}

/** What the newest request left in D1, for comparing the site's write with the bare one's. */
export async function lastWriteShape(miniflare: Miniflare, worker: string): Promise<Shape> {
  const db = await miniflare.getD1Database('DB', worker)
  const row = await db.prepare('select * from requests order by rowid desc limit 1').first<Record<string, unknown>>()
  if (!row) throw new Error(`${worker}: no request stored`)
  const count = async (table: string) =>
    (await db.prepare(`select count(*) as n from ${table} where request_id = ?`).bind(row.id).first<{ n: number }>())?.n ?? 0
  return {
    filled: Object.keys(row).filter((column) => row[column] !== null),
    preferredTimes: await count('preferred_times'),
    notifications: await count('notifications'),
  }
}
