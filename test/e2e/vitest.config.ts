import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

// Browser tests run in plain Node against `wrangler dev`, not inside workerd:
// they drive a real Chromium, which the Workers pool cannot do.
export default defineConfig({
  test: {
    root: fileURLToPath(new URL('../..', import.meta.url)),
    include: ['test/e2e/**/*.e2e.ts'],
    environment: 'node',
    globalSetup: ['test/e2e/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // One dev server and one browser per file: running files together only makes them compete.
    fileParallelism: false,
  },
})
