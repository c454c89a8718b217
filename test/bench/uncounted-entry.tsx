/**
 * Bench-only Worker: the site's fetch (src/worker.ts) with the view counting
 * left out, so the bench can show what counting costs a page cache hit. It
 * must stay the same as src/worker.ts's fetch in all else; servers.ts checks
 * it answers the same bytes as the site Worker.
 */
import { app, freshness, pages } from '../../src/app.tsx'
import { refreshSettings } from '../../src/features/settings/current.ts'
import { createDb } from '../../src/platform/database.ts'
import { readContentVersion } from '../../src/platform/site-state.ts'

export default {
  fetch(request, env, ctx) {
    const reading = freshness.check(Date.now(), () => readContentVersion(createDb(env.DB)))
    if (reading) ctx.waitUntil(reading)
    return pages.serve(request) ?? refreshSettings(createDb(env.DB), env, Date.now()).then(() => app.fetch(request, env, ctx))
  },
} satisfies ExportedHandler<Env>
