import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'

/** The lines of one `[table]` of wrangler.toml, up to the next table header. */
function tomlTable(toml: string, name: string): string[] {
  const lines = toml.split('\n')
  const start = lines.findIndex((line) => line.trim() === `[${name}]`)
  if (start === -1) return []
  const end = lines.findIndex((line, index) => index > start && /^\s*\[/.test(line))
  return lines
    .slice(start + 1, end === -1 ? undefined : end)
    .map((line) => line.replace(/#.*/, '').trim())
    .filter(Boolean)
}

// Invocation logs record each request's full URL and headers, CF-Connecting-IP
// included, which the privacy notice promises is never kept.
describe('Workers Logs in wrangler.toml', () => {
  it('keeps the app’s own log lines', () => {
    expect(tomlTable(env.TEST_WRANGLER_TOML, 'observability')).toContain('enabled = true')
    expect(tomlTable(env.TEST_WRANGLER_TOML, 'observability.logs')).toContain('enabled = true')
  })

  it('turns invocation logs off', () => {
    expect(tomlTable(env.TEST_WRANGLER_TOML, 'observability.logs')).toContain('invocation_logs = false')
  })
})
