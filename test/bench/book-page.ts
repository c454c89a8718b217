import type { Miniflare } from 'miniflare'
import { defaultPractice } from '../../src/config.ts'
import type { Bundle, Compatibility } from './bundle.ts'
import { manifest } from './miniflare.ts'
import { buildSchedule, schedule } from './schedule-data.ts'
import { readDevVars } from './worker-env.ts'
import { applyMigrations } from './write-db.ts'

/** The site Worker serving the patient's week, with a D1 of its own holding the schedule. */
export const bookWorkerName = 'book'

/** The week page of the first treatment, as the treatment list links to it. */
export const bookPath = `/book?treatment=${defaultPractice.services[0]?.id ?? ''}`

/** D1 binds at most 100 values a statement. */
const rowsPerInsert = 10

/**
 * The site's bundle with `npm run dev`'s vars and secrets (the form token needs
 * FORM_SECRET) and a D1 of its own, on a direct socket like the other targets.
 */
export const bookWorker = (bundle: Bundle, compatibility: Compatibility) => ({
  config: {
    name: bookWorkerName,
    compatibilityDate: compatibility.date,
    compatibilityFlags: compatibility.flags,
    manifest: manifest(bundle),
    env: {
      ...Object.fromEntries(Object.entries(readDevVars()).map(([key, value]) => [key, { type: 'text' as const, value }])),
      DB: { type: 'd1' as const, id: 'bench-bookings' },
      CF_VERSION_METADATA: { type: 'version-metadata' as const },
    },
  },
  dev: { unsafeDirectSockets: [{ host: '127.0.0.1', port: 0 }] },
})

/**
 * The real migrations, then the schedule of schedule-data.ts written as the
 * site writes it: each appointment a confirmed booking (taken directly) with
 * its confirmed start and end, each busy block a row of busy_blocks.
 */
export async function seedBookings(miniflare: Miniflare): Promise<void> {
  await applyMigrations(miniflare, bookWorkerName)
  const db = await miniflare.getD1Database('DB', bookWorkerName)
  const { appointments, busy } = buildSchedule(new Date())
  const statements = []
  for (let index = 0; index < appointments.length; index += rowsPerInsert) {
    const rows = appointments.slice(index, index + rowsPerInsert)
    statements.push(
      db
        .prepare(
          'insert into requests (id, reference, kind, name, email, service_id, appointment_state, confirmed_start, confirmed_end, booked_via) values ' +
            rows.map(() => "(?, ?, 'booking', 'Bench Patient', ?, ?, 'confirmed', ?, ?, 'direct')").join(', '),
        )
        .bind(
          ...rows.flatMap((row, offset) => {
            const n = index + offset
            return [
              crypto.randomUUID(),
              `BENCH${String(n).padStart(3, '0')}`,
              `bench.${n}@example.org`,
              defaultPractice.services[0]?.id ?? '',
              row.start,
              row.end,
            ]
          }),
        ),
    )
  }
  for (let index = 0; index < busy.length; index += rowsPerInsert * 4) {
    const rows = busy.slice(index, index + rowsPerInsert * 4)
    statements.push(
      db.prepare(`insert into busy_blocks (start, end) values ${rows.map(() => '(?, ?)').join(', ')}`).bind(...rows.flatMap((row) => [row.start, row.end])),
    )
  }
  await db.batch(statements)
  const counted = await db
    .prepare("select (select count(*) from requests where appointment_state = 'confirmed') as held, (select count(*) from busy_blocks) as busy")
    .first<{
      held: number
      busy: number
    }>()
  if (counted?.held !== schedule.appointments || counted.busy !== schedule.busyBlocks)
    throw new Error(`the bookings D1 holds ${JSON.stringify(counted)}, not ${schedule.appointments} appointments and ${schedule.busyBlocks} busy blocks`)
}
