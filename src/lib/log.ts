/** The error and its causes in one line, for logs and the outbox's last_error. */
export function describeError(error: unknown): string {
  const parts: string[] = []
  let current: unknown = error
  for (let depth = 0; current !== undefined && depth < 5; depth++) {
    parts.push(current instanceof Error ? `${current.name}: ${current.message}` : String(current))
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
