/**
 * Drizzle's DrizzleQueryError, wrapped around a failed statement: its message
 * spells out the SQL and every bound value (a patient's email, a search term,
 * a session hash). Its name is plain "Error", so it is known by its own
 * fields, which also holds for a second copy of drizzle-orm in a bundle.
 */
const isQueryError = (error: Error): boolean => Object.hasOwn(error, 'query') && Object.hasOwn(error, 'params')

/**
 * Anything shaped like an email address, also with its @ percent-encoded (an
 * address quoted back inside a URL). The local part takes every character an
 * address may use except those that delimit a URL's query (/ ? = & #), so a
 * URL around it stays readable. Broad on purpose: a version tag such as pkg@1.2
 * goes too, which costs less than a patient's address in the logs.
 */
const emailAddress = /[\p{L}\p{N}._%+'!$*^`{|}~-]+(?:@|%40)[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*/giu

/**
 * The text with every email address replaced: providers quote the recipient
 * back in their errors, and error texts go to the logs and the outbox.
 *
 * @example redactEmails('550 robin@example.org: mailbox unavailable') // "550 [email]: mailbox unavailable"
 */
const redactEmails = (text: string): string => text.replace(emailAddress, '[email]')

/**
 * The error and its causes in one line, for logs and the outbox's last_error.
 * A failed query is named without its text and values; its cause (D1's own
 * error, which carries no values) still says what went wrong. Email addresses
 * are removed.
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
  return redactEmails(parts.join(' | '))
}

/**
 * One structured log line (Workers Logs indexes JSON). Fields carry ids and
 * counts, never what a patient wrote; every string in them, however deep and
 * however it was made, loses its email addresses on the way out.
 */
export function logEvent(level: 'info' | 'warn' | 'error', event: string, fields: Record<string, unknown> = {}): void {
  console[level](JSON.stringify({ event, ...fields }, (_key, value: unknown) => (typeof value === 'string' ? redactEmails(value) : value)))
}
