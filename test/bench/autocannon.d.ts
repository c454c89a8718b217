// Just the part of autocannon 9 the bench uses; the package ships no types.
declare module 'autocannon' {
  export interface Options {
    url: string
    connections?: number
    /** Seconds. */
    duration?: number
    method?: string
    headers?: Record<string, string>
    body?: string
    /** Sent in turn; `setupRequest` runs before each send and may change the request. */
    requests?: { setupRequest?: (request: Request) => Request }[]
  }

  export interface Request {
    method: string
    path: string
    headers: Record<string, string>
    body?: string
  }

  interface Result {
    errors: number
    timeouts: number
    non2xx: number
  }

  interface Instance {
    on(event: 'response', listener: (client: unknown, statusCode: number, responseBytes: number, responseTimeMs: number) => void): this
    stop(): void
  }

  function autocannon(options: Options, callback: (error: Error | null, result: Result) => void): Instance
  export default autocannon
}
