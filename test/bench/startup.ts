import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { type Bundle, type Compatibility, collectModules } from './bundle.ts'
import { freePort } from './http.ts'
import { startWorkerd, waitFor200, writeConfig } from './workerd.ts'

export interface Startup {
  label: string
  /** Each spawn's time to its first 200, in the order measured. */
  samples: number[]
}

/**
 * A module beside the bundle's own that imports its main module and answers
 * 200 itself: workerd evaluates the main module's top level as it loads the
 * Worker, as a new isolate in production does, and no request reaches the
 * site's code, which would need D1 and the rest of its bindings.
 */
function withStartupEntry(bundle: Bundle): Bundle {
  const main = bundle.modules[0]
  if (!main) throw new Error(`${bundle.dir}: no modules`)
  const entry = 'startup-entry.js'
  writeFileSync(join(bundle.dir, entry), `import './${main.name}'\nexport default { fetch: () => new Response('started') }\n`)
  return { dir: bundle.dir, modules: collectModules(bundle.dir, entry) }
}

/**
 * Spawns `workerd serve` with each bundle, one at a time and interleaved,
 * `spawns` times, timing each from the spawn to the first 200 (polled every
 * 2 ms): process start, compiling the modules and evaluating the main
 * module's top level, what the Worker's start-up adds to a cold isolate.
 */
export async function measureStartups(
  workerdBin: string,
  tmp: string,
  bundles: { label: string; bundle: Bundle }[],
  compatibility: Compatibility,
  spawns: number,
): Promise<Startup[]> {
  const entries = bundles.map(({ label, bundle }) => ({ label, bundle: withStartupEntry(bundle), samples: [] as number[] }))
  for (let spawn = 0; spawn < spawns; spawn++) {
    for (const [index, entry] of entries.entries()) {
      const port = await freePort()
      const config = writeConfig(join(tmp, `startup-${index}-${spawn}.capnp`), [{ name: 'startup', bundle: entry.bundle, port, compatibility }])
      const started = performance.now()
      const server = startWorkerd(workerdBin, config)
      try {
        await waitFor200(`http://127.0.0.1:${port}/`, server)
        entry.samples.push(performance.now() - started)
      } finally {
        await server.stop()
      }
    }
  }
  return entries.map(({ label, samples }) => ({ label, samples }))
}
