import { applyD1Migrations } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { defaultPractice as practice } from '../src/config'
import { buildImportStatements, readArticleFile } from '../src/features/articles/import-sql'
import { startFile } from './helpers/http'

// Runs before each test file, and files share one runtime and its D1 (vitest.config.ts):
// both steps below are no-ops once done.

// The real migrations, so tests run against the schema that ships.
await applyD1Migrations(env.DB, env.TEST_MIGRATIONS)

// The repository's articles, imported as `npm run dev` and `npm run deploy` do.
// A fixed instant: the import is a no-op once they are in, whatever the clock.
const files = await Promise.all(Object.entries(env.TEST_ARTICLE_FILES).map(([name, source]) => readArticleFile(name, source)))
const statements = buildImportStatements(files, { now: new Date('2026-11-01T17:00:00Z'), timeZone: practice.timeZone })
await env.DB.batch(statements.map((statement) => env.DB.prepare(statement)))

startFile()
