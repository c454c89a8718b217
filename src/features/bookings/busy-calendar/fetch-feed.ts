import { defaultPractice } from '../../../config'
import { countNoun } from '../../../platform/count-noun'

export type FeedAnswer =
  | { kind: 'read'; text: string; etag: string | null; lastModified: string | null }
  | { kind: 'unchanged' }
  | { kind: 'failed'; error: string }

export interface FeedRequest {
  fetch: typeof fetch
  timeoutMs: number
  maxBytes: number
  /** The validators of the last good read of this same address, for a conditional GET. */
  etag: string | null
  lastModified: string | null
}

const localHosts = new Set(['localhost', '127.0.0.1', '[::1]'])

/**
 * The address to read, or why it cannot be read. Apple and others hand out
 * `webcal://` links, which are https underneath; plain http only reaches a
 * calendar on this machine, for local development.
 */
export function feedAddress(pasted: string): URL | { error: string } {
  if (!URL.canParse(pasted.trim())) return { error: 'The calendar address is not a web address' }
  const address = new URL(pasted.trim())
  if (address.protocol === 'webcal:') return new URL(`https:${address.href.slice('webcal:'.length)}`)
  if (address.protocol === 'https:' || (address.protocol === 'http:' && localHosts.has(address.hostname))) return address
  return { error: 'The calendar address must start with https://' }
}

const megabytes = (bytes: number) => `${bytes / (1024 * 1024)} MB`

const failure = (error: string): FeedAnswer => ({ kind: 'failed', error })

const timedOut = (timeoutMs: number) =>
  failure(`The calendar did not answer within ${countNoun(timeoutMs / 1000, { one: 'second', other: 'seconds' }, defaultPractice.locale)}`)

/** A fetch that failed by the timeout's signal, rather than by the network. */
const isTimeout = (error: unknown) => error instanceof Error && error.name === 'TimeoutError'

/**
 * GETs the feed under the time and size limits. The body is read chunk by
 * chunk and dropped the moment it passes `maxBytes`, so a huge or endless
 * answer never sits whole in memory.
 */
export async function fetchFeed(address: URL, request: FeedRequest): Promise<FeedAnswer> {
  const headers = new Headers({ accept: 'text/calendar' })
  if (request.etag) headers.set('if-none-match', request.etag)
  if (request.lastModified) headers.set('if-modified-since', request.lastModified)
  let response: Response
  try {
    response = await request.fetch(address, { headers, signal: AbortSignal.timeout(request.timeoutMs) })
  } catch (error) {
    if (isTimeout(error)) return timedOut(request.timeoutMs)
    return failure('The calendar address could not be reached')
  }
  if (response.status === 304) return { kind: 'unchanged' }
  if (!response.ok) {
    await response.body?.cancel()
    return failure(`The calendar address answered ${response.status}`)
  }
  const tooLarge = failure(`The calendar is larger than ${megabytes(request.maxBytes)}`)
  if (Number(response.headers.get('content-length') ?? 0) > request.maxBytes) {
    await response.body?.cancel()
    return tooLarge
  }
  const chunks: Uint8Array[] = []
  let size = 0
  const reader = (response.body ?? new ReadableStream()).getReader()
  try {
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
      size += chunk.value.byteLength
      if (size > request.maxBytes) {
        await reader.cancel()
        return tooLarge
      }
      chunks.push(chunk.value)
    }
  } catch (error) {
    if (isTimeout(error)) return timedOut(request.timeoutMs)
    return failure('The calendar address stopped answering midway')
  }
  const body = new Uint8Array(size)
  let offset = 0
  for (const chunk of chunks) {
    body.set(chunk, offset)
    offset += chunk.byteLength
  }
  return { kind: 'read', text: new TextDecoder().decode(body), etag: response.headers.get('etag'), lastModified: response.headers.get('last-modified') }
}
