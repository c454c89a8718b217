import { applyD1Migrations } from 'cloudflare:test'
import { env } from 'cloudflare:workers'

// The real migrations, so tests run against the schema that ships.
await applyD1Migrations(env.DB, env.TEST_MIGRATIONS)
