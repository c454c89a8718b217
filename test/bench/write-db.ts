import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Miniflare } from 'miniflare'
import { defaultPractice } from '../../src/config.ts'
import { benchClinic } from './forms.ts'
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

/**
 * The bench clinic's hours, treatments and policies (forms.ts benchClinic) as
 * the inbox's settings page stores them, each section whole as its schema in
 * src/features/settings/sections.ts reads it (a row that does not fit is
 * skipped, and the first POST then fails with 422). Every other policy keeps
 * its starting value.
 */
export async function seedBookingSettings(miniflare: Miniflare, worker: string): Promise<void> {
  const db = await miniflare.getD1Database('DB', worker)
  const range = [{ opens: benchClinic.opens, closes: benchClinic.closes }]
  const sections = {
    hours: { weekly: Object.fromEntries(['Mo', 'Tu', 'We', 'Th', 'Fr', 'Sa', 'Su'].map((day) => [day, range])) },
    treatments: {
      items: [...defaultPractice.services, benchClinic.treatment].map((service) => ({ ...service, visible: true, bookingMode: 'direct' })),
    },
    policies: {
      horizonDays: benchClinic.horizonDays,
      minimumNoticeHours: defaultPractice.booking.minimumNoticeHours,
      cancelNoticeHours: 24,
      reminderHours: benchClinic.reminderHours,
      quietHours: { from: '21:00', to: '08:00' },
      requestExpiryHours: 72,
      bufferMinutes: 0,
      startStepMinutes: benchClinic.stepMinutes,
      maxPerDay: null,
      directBookingsPerAddress: 2,
      firstVisitsByRequest: false,
      waitlistWeeks: 8,
    },
  }
  await db.batch(
    Object.entries(sections).map(([section, value]) =>
      db
        .prepare("insert into practice_settings (section, value, revision, updated_at, updated_by) values (?, ?, 1, ?, 'bench')")
        .bind(section, JSON.stringify(value), Date.now()),
    ),
  )
}

export interface Shape {
  /** Columns of the stored request that hold a value. */
  filled: string[]
  preferredTimes: number
  notifications: number
  /** History rows (a direct booking's "→ confirmed"). */
  events: number
  /** Patient's page links (a direct booking's). */
  pageTokens: number
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
    events: await count('request_events'),
    pageTokens: await count('manage_tokens'),
  }
}
