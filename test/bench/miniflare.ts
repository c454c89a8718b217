import { readFileSync } from 'node:fs'
import type { Bundle, ModuleType } from './bundle.ts'

const manifestTypes: Record<ModuleType, 'esm' | 'cjs' | 'text' | 'data' | 'wasm'> = {
  esModule: 'esm',
  commonJsModule: 'cjs',
  text: 'text',
  data: 'data',
  wasm: 'wasm',
}

/** A bundle as the module manifest of Miniflare's Worker config. */
export function manifest(bundle: Bundle) {
  const main = bundle.modules[0]
  if (!main) throw new Error(`${bundle.dir}: no modules`)
  const modules = Object.fromEntries(
    bundle.modules.map((module) => [module.name, { type: manifestTypes[module.type], contents: new Uint8Array(readFileSync(module.path)) }]),
  )
  return { mainModule: main.name, modules }
}

/** What every Miniflare the bench starts shares: loopback only, and nothing running per request in Node. */
export const quietMiniflare = {
  host: '127.0.0.1',
  port: 0,
  // Request logging goes through Node for every request; it would load the client's core.
  logRequests: false,
  enableDevRegistry: false,
  telemetry: { enabled: false },
} as const
