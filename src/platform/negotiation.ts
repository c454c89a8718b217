import type { Context } from 'hono'
import { accepts } from 'hono/accepts'

/** True when the client prefers JSON to HTML (API clients, fetch with Accept: application/json). */
export const wantsJson = (c: Context): boolean =>
  accepts(c, { header: 'Accept', supports: ['text/html', 'application/json'], default: 'text/html' }) === 'application/json'

export const isJsonBody = (c: Context): boolean => /^application\/json\b/i.test(c.req.header('Content-Type') ?? '')
