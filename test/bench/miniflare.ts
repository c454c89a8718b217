import { readFileSync } from 'node:fs'
import { pathToFileURL } from 'node:url'
import type { Bundle, Compatibility, ModuleType } from './bundle.ts'
import { childrenNamed } from './cpu.ts'
import { onCleanup } from './processes.ts'
import type { Tools } from './tools.ts'

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
  const modules = Object.fromEntries(bundle.modules.map((module) => [module.name, { type: manifestTypes[module.type], contents: new Uint8Array(readFileSync(module.path)) }]))
  return { mainModule: main.name, modules }
}

export interface StaticAssetsServer {
  /** Origin, e.g. http://127.0.0.1:41234 */
  origin: string
  /** Miniflare's workerd, when /proc can find it. */
  pid: number | undefined
  runtime: string
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

/**
 * Plain `workerd serve` has no asset server: Workers Static Assets is a
 * router Worker plus an asset Worker that Miniflare (and so `wrangler dev`)
 * assembles around the user's Worker. With has_user_worker false every
 * request goes router -> asset Worker, as for an assets-only deployment;
 * Miniflare's entry Worker sits in front of that on its socket.
 */
export async function startStaticAssets(tools: Tools, directory: string, compatibility: Compatibility): Promise<StaticAssetsServer> {
  const { Miniflare } = (await import(pathToFileURL(tools.miniflare.entry).href)) as typeof import('miniflare')
  const before = new Set(childrenNamed(process.pid, 'workerd'))
  const miniflare = new Miniflare({
    ...quietMiniflare,
    workers: [
      {
        config: {
          name: 'static',
          compatibilityDate: compatibility.date,
          compatibilityFlags: compatibility.flags,
          // Never reached with hasUserWorker false, but Miniflare requires a Worker.
          manifest: {
            mainModule: 'worker.js',
            modules: { 'worker.js': { type: 'esm', contents: 'export default { fetch: () => new Response(null, { status: 404 }) }' } },
          },
          assets: { directory, hasUserWorker: false, htmlHandling: 'auto-trailing-slash', notFoundHandling: 'none' },
        },
      },
    ],
  })
  onCleanup(() => miniflare.dispose())
  const url = await miniflare.ready
  const pid = childrenNamed(process.pid, 'workerd').find((candidate) => !before.has(candidate))
  return {
    origin: url.origin,
    pid,
    runtime: `Miniflare ${tools.miniflare.version} (workerd + asset service, via its proxy)`,
  }
}
