/**
 * A request turned away for a reason the client can act on. Thrown by guards
 * and answered in one place (app.onError) as a page or JSON.
 */
export class Refusal extends Error {
  constructor(
    readonly status: 400 | 403 | 404 | 413 | 415 | 429 | 503,
    readonly title: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message)
    this.name = 'Refusal'
  }
}
