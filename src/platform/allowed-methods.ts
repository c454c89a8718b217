import type { RouterRoute } from 'hono/types'

const toPattern = (path: string) =>
  new RegExp(
    `^${path
      .replace(/[.+?^${}()|[\]\\]/g, '\\$&')
      .replace(/:[^/]+/g, '[^/]+')
      .replace(/\*/g, '.*')}$`,
  )

/**
 * Which methods the app answers at a path, read from its own route table, so a
 * known page asked with the wrong method gets 405 and an Allow header instead
 * of 404. Middleware (method ALL) is not an answer of its own.
 *
 * @example const allowedAt = methodsByPath(app.routes); allowedAt('/contact') // ['GET', 'HEAD', 'POST']
 */
export function methodsByPath(routes: readonly RouterRoute[]): (path: string) => string[] {
  let table: { pattern: RegExp; methods: Set<string> }[] | undefined
  return (path) => {
    table ??= [
      ...Map.groupBy(
        routes.filter((route) => route.method !== 'ALL'),
        (route) => route.path,
      ),
    ].map(([routePath, matching]) => ({
      pattern: toPattern(routePath),
      methods: new Set(matching.flatMap((route) => (route.method === 'GET' ? ['GET', 'HEAD'] : [route.method]))),
    }))
    const methods = new Set(table.filter((entry) => entry.pattern.test(path)).flatMap((entry) => [...entry.methods]))
    return [...methods].sort()
  }
}
