import { request } from 'node:http'
import { createServer } from 'node:net'

export interface HttpResponse {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: Buffer
}

/**
 * node:http rather than fetch: no Accept-Encoding is sent (autocannon sends
 * none either, so the bytes match what the load test gets) and there is no
 * connection pool, so each start-up poll is a fresh connection attempt.
 */
export function get(url: string, timeoutMs = 5_000): Promise<HttpResponse> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent: false, timeout: timeoutMs }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (chunk: Buffer) => chunks.push(chunk))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }))
      res.on('error', reject)
    })
    req.on('timeout', () => req.destroy(new Error(`GET ${url}: no response in ${timeoutMs} ms`)))
    req.on('error', reject)
    req.end()
  })
}

/** GET that must answer 200: anything else is a broken setup, not a slow one. */
export async function get200(url: string): Promise<HttpResponse> {
  const res = await get(url)
  if (res.status !== 200) throw new Error(`GET ${url} answered ${res.status}, expected 200:\n${res.body.toString('utf8').slice(0, 2_000)}`)
  return res
}

/** A port free right now on 127.0.0.1; workerd binds it a moment later. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.unref()
    server.on('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))))
    })
  })
}

export const header = (res: HttpResponse, name: string): string | undefined => {
  const value = res.headers[name.toLowerCase()]
  return Array.isArray(value) ? value.join(', ') : value
}
