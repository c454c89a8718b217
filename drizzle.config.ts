import { defineConfig } from 'drizzle-kit'

// Generates flat SQL migrations for `wrangler d1 migrations apply`; never `drizzle-kit push`.
export default defineConfig({
  dialect: 'sqlite',
  schema: ['./src/features/*/store/schema.ts', './src/platform/schema.ts'],
  out: './migrations',
})
