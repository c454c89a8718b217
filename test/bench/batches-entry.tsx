/**
 * Bench-only Worker: the site's own handler with its D1 binding wrapped to
 * count the batches it is sent, read back at GET /__bench/d1-batches, so the
 * bench can report D1 write batches per thousand counted views under load.
 */
import worker from '../../src/worker.ts'

let batches = 0

const counting = (database: D1Database): D1Database =>
  new Proxy(database, {
    get(target, property) {
      if (property === 'batch')
        return (statements: D1PreparedStatement[]) => {
          batches++
          return target.batch(statements)
        }
      const value = Reflect.get(target, property)
      return typeof value === 'function' ? value.bind(target) : value
    },
  })

let wrapped: { from: D1Database; to: D1Database } | undefined

export default {
  fetch(request, env, ctx) {
    if (new URL(request.url).pathname === '/__bench/d1-batches') return Response.json({ batches })
    // One wrapper per binding: the site's Drizzle client is made once per binding object.
    if (wrapped?.from !== env.DB) wrapped = { from: env.DB, to: counting(env.DB) }
    return worker.fetch(request, { ...env, DB: wrapped.to }, ctx)
  },
} satisfies ExportedHandler<Env>
