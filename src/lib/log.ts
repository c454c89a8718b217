/**
 * Drizzle's DrizzleQueryError, wrapped around a failed statement: its message
 * spells out the SQL and every bound value (a patient's email, a search term,
 * a session hash). Its name is plain "Error", so it is known by its own
 * fields, which also holds for a second copy of drizzle-orm in a bundle.
 */
const isQueryError = (error: Error): boolean => Object.hasOwn(error, 'query') && Object.hasOwn(error, 'params')

/**
 * The error and its causes in one line, for logs and the outbox's last_error.
 * A failed query is named without its text and values; its cause (D1's own
 * error, which carries no values) still says what went wrong.
 *
 * @example describeError(new Error('send failed', { cause: new Error('timeout') })) // "Error: send failed | Error: timeout"
 */
export function describeError(error: unknown): string {
  const parts: string[] = []
  let current: unknown = error
  for (let depth = 0; current !== undefined && depth < 5; depth++) {
    if (current instanceof Error) parts.push(isQueryError(current) ? 'DrizzleQueryError: query failed' : `${current.name}: ${current.message}`)
    else parts.push(String(current))
    current = current instanceof Error ? current.cause : undefined
  }
  return parts.join(' | ')
}

/**
 * One structured log line (Workers Logs indexes JSON). Fields carry ids and
 * counts, never what a patient wrote.
 */
export function logEvent(level: 'info' | 'warn' | 'error', event: string, fields: Record<string, unknown> = {}): void {
  console[level](JSON.stringify({ event, ...fields }))
}
