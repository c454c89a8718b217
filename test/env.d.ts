declare namespace Cloudflare {
  interface Env {
    TEST_MIGRATIONS: import('cloudflare:test').D1Migration[]
    /** First 8 hex digits of static/site.css's SHA-256, computed by vitest.config.ts. */
    TEST_STYLESHEET_HASH: string
    /** static/_headers as committed, read by vitest.config.ts. */
    TEST_STATIC_HEADERS: string
  }
}
