import { createFreshnessCheck } from './platform/freshness'
import { createPageCache } from './platform/page-cache'

/**
 * Public pages rendered once per isolate, and shared with the location's other
 * isolates under the content version and the deployment (docs/caching.md);
 * src/worker.ts answers hits before the app is even loaded.
 */
export const pages = createPageCache({
  location: {
    open: () => caches.open('pages'),
    key: (env, path) => {
      const version = freshness.version()
      return version === undefined ? undefined : `https://pages.internal/${env.CF_VERSION_METADATA.id}/v${version}${path}`
    },
  },
})

/**
 * Public pages change in D1 from any isolate: every few seconds one request
 * also reads the content version (after its answer, or before it once the last
 * reading is older than the freshness bound), and a moved version empties this
 * isolate's page cache, so a change shows everywhere within seconds.
 */
export const freshness = createFreshnessCheck({ onChange: () => pages.clear() })
