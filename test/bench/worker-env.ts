import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseEnv } from 'node:util'
import { projectRoot } from './tools.ts'

/**
 * The string bindings `npm run dev` gives the site: [vars] from wrangler.toml
 * and the local secrets of .dev.vars.example. [vars] holds only one-line
 * `KEY = "value"` strings (wrangler types generates `string` for each), so a
 * line match inside that table is enough and needs no TOML parser.
 */
export function readDevVars(): Record<string, string> {
  const toml = readFileSync(join(projectRoot, 'wrangler.toml'), 'utf8')
  const table = /^\[vars\]\s*$([\s\S]*?)(?=^\s*\[|(?![\s\S]))/m.exec(toml)?.[1]
  if (table === undefined) throw new Error('wrangler.toml: no [vars] table')
  const vars: Record<string, string> = {}
  for (const line of table.split('\n')) {
    const text = line.trim()
    if (text === '' || text.startsWith('#')) continue
    const match = /^(\w+)\s*=\s*("(?:[^"\\]|\\.)*")\s*(#.*)?$/.exec(text)
    if (!match?.[1] || !match[2]) throw new Error(`wrangler.toml [vars]: expected KEY = "string", got: ${text}`)
    vars[match[1]] = JSON.parse(match[2]) as string
  }
  const secrets = parseEnv(readFileSync(join(projectRoot, '.dev.vars.example'), 'utf8'))
  return { ...vars, ...(secrets as Record<string, string>) }
}

export interface RateLimitBinding {
  name: string
  namespaceId: string
}

/**
 * The [[ratelimits]] bindings of wrangler.toml, so the bench gives its
 * Workers every limiter the site's Env has. Their entries are one-line
 * `key = value`, so a line match inside each table is enough.
 */
export function readRateLimits(): RateLimitBinding[] {
  const toml = readFileSync(join(projectRoot, 'wrangler.toml'), 'utf8')
  return [...toml.matchAll(/^\[\[ratelimits\]\]\s*$([\s\S]*?)(?=^\s*\[|(?![\s\S]))/gm)].map(([, table = '']) => {
    const name = /^\s*name\s*=\s*"(\w+)"/m.exec(table)?.[1]
    const namespaceId = /^\s*namespace_id\s*=\s*"([^"]+)"/m.exec(table)?.[1]
    if (!name || !namespaceId) throw new Error(`wrangler.toml [[ratelimits]]: expected name = "..." and namespace_id = "...", got:\n${table.trim()}`)
    return { name, namespaceId }
  })
}
