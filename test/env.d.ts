declare namespace Cloudflare {
  interface Env {
    TEST_MIGRATIONS: import('cloudflare:test').D1Migration[]
    /** src/features/articles/content/*.md by file name, read by vitest.config.ts. */
    TEST_ARTICLE_FILES: Record<string, string>
    /** The password whose hash vitest.config.ts puts in ADMIN_PASSWORD_HASH. */
    TEST_ADMIN_PASSWORD: string
    /** .dev.vars.example as committed. */
    TEST_EXAMPLE_DEV_VARS: string
    /** First 8 hex digits of static/site.css's SHA-256, computed by vitest.config.ts. */
    TEST_STYLESHEET_HASH: string
    /** static/_headers as committed, read by vitest.config.ts. */
    TEST_STATIC_HEADERS: string
    /** wrangler.toml as committed, read by vitest.config.ts. */
    TEST_WRANGLER_TOML: string
    /** package.json's `dev` script as committed, read by vitest.config.ts. */
    TEST_DEV_SCRIPT: string
  }
}
