/**
 * Public pages: browsers revalidate after five minutes (cheap, thanks to the
 * ETag); shared caches may serve a stale copy for a day while revalidating.
 */
export const publicPage = 'public, max-age=300, stale-while-revalidate=86400'

/** Pages that carry per-visitor data (forms, receipts, the inbox). */
export const privatePage = 'no-store'
