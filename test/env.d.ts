declare namespace Cloudflare {
  interface GlobalProps {
    mainModule: typeof import('../src/index')
  }
  interface Env {
    /** First 8 hex digits of static/site.css's SHA-256, computed by vitest.config.ts. */
    TEST_STYLESHEET_HASH: string
    /** static/_headers as committed, read by vitest.config.ts. */
    TEST_STATIC_HEADERS: string
  }
}
