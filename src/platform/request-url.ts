/**
 * The parts of a request URL the page path needs, sliced from the runtime's
 * already normalised URL: parsing it again with `new URL` costs more than the
 * rest of a cached page's answer. The path is the raw one, as Hono reads it
 * before decoding.
 *
 * @example requestUrlParts('https://clinic.example.com/book?from=neck-pain') // { host: 'clinic.example.com', path: '/book', query: 'from=neck-pain' }
 */
export function requestUrlParts(url: string): { host: string; path: string; query: string } {
  const hostStart = url.indexOf('//') + 2
  const pathStart = url.indexOf('/', hostStart)
  const queryStart = url.indexOf('?', pathStart)
  const hashStart = url.indexOf('#', pathStart)
  const end = hashStart === -1 ? url.length : hashStart
  return {
    host: url.slice(hostStart, pathStart),
    path: url.slice(pathStart, queryStart === -1 || queryStart > end ? end : queryStart),
    query: queryStart === -1 || queryStart > end ? '' : url.slice(queryStart + 1, end),
  }
}
