/**
 * Pages that are the same for everyone. No shared cache may store them
 * (`private`), so every view runs the Worker, which counts it and checks the
 * content version; a browser keeps its copy but asks again before each use
 * (`no-cache`), and the ETag makes that a 304. The Worker's own caches
 * (src/platform/page-cache.ts) keep exactly the responses that carry it.
 */
export const publicPage = 'private, no-cache'

/** Pages that carry per-visitor data (forms, receipts, the inbox). */
export const privatePage = 'no-store'
