/**
 * Bench-only Worker: the site's fetch (src/worker.ts), every view counted, with
 * this isolate's page cache emptied before each request, so each request does
 * what the first view of a page in a cold isolate does once the location's
 * cache holds it: read it from the Cache API (`pages`), keep it in memory and
 * answer it. GET /__bench/app-requests says how many requests reached the app
 * (a render from D1), so servers.ts can check the location's cache answered.
 */
import { app } from '../../src/app.tsx'
import { pages } from '../../src/public-pages.ts'
import worker from '../../src/worker.ts'

let appRequests = 0
const appFetch = app.fetch
app.fetch = (...args) => {
  appRequests++
  return appFetch(...args)
}

export default {
  fetch(request, env, ctx) {
    if (new URL(request.url).pathname === '/__bench/app-requests') return Response.json({ appRequests })
    pages.clear()
    return worker.fetch(request, env, ctx)
  },
} satisfies ExportedHandler<Env>
