import { defineConfig } from 'drizzle-kit'

// Generates flat SQL migrations for `wrangler d1 migrations apply`; never `drizzle-kit push`.
export default defineConfig({
  dialect: 'sqlite',
  schema: './src/db/schema.ts',
  out: './migrations',
})
