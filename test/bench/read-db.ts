import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Miniflare } from 'miniflare'
import { defaultPractice } from '../../src/config.ts'
import { buildImportStatements, readArticleFile } from '../../src/features/articles/import-sql.ts'
import { projectRoot } from './tools.ts'
import { applyMigrations } from './write-db.ts'

/** The real migrations, then the repository's articles imported as `npm run dev` does. */
export async function seedArticles(miniflare: Miniflare, worker: string): Promise<void> {
  await applyMigrations(miniflare, worker)
  const dir = join(projectRoot, 'src/features/articles/content')
  const files = await Promise.all(
    readdirSync(dir)
      .filter((name) => name.endsWith('.md'))
      .map((name) => readArticleFile(name, readFileSync(join(dir, name), 'utf8'))),
  )
  const db = await miniflare.getD1Database('DB', worker)
  const statements = buildImportStatements(files, { now: new Date(), timeZone: defaultPractice.timeZone })
  await db.batch(statements.map((statement) => db.prepare(statement)))
}
