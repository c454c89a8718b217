/**
 * Bench-only Worker: the site's fetch (src/worker.ts) with the view counting
 * left out, so the bench can show what counting costs a page cache hit. It
 * must stay the same as src/worker.ts's fetch in all else; servers.ts checks
 * it answers the same bytes as the site Worker.
 */
import { answerFresh } from '../../src/worker.ts'

export default {
  fetch: (request, env, ctx) => answerFresh(request, env, ctx, Date.now()),
} satisfies ExportedHandler<Env>
