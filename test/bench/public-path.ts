import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { gzipSync } from 'node:zlib'
import { asWranglerBundles } from './bundle.ts'
import { projectRoot } from './tools.ts'

/** What a Worker's isolate evaluates when it starts, as against what it evaluates only on an `import()`. */
export interface PublicPath {
  /** Source files and packages (as esbuild names its inputs) whose code the entry evaluates at start-up, with their minified bytes. */
  evaluated: Record<string, number>
  /** The same for the code evaluated only by a dynamic import (the inbox, the calendar read...). */
  lazy: Record<string, number>
  evaluatedBytes: number
  evaluatedGzipBytes: number
  lazyBytes: number
  lazyGzipBytes: number
  /** Each bundled input's static imports (inputs too). */
  imports: Record<string, string[]>
}

interface Metafile {
  inputs: Record<string, { imports: { path: string; kind: string }[] }>
  outputs: Record<string, { entryPoint?: string; imports: { path: string; kind: string }[]; inputs: Record<string, { bytesInOutput: number }> }>
}

/**
 * Bundles src/worker.ts as wrangler does (minified, as wrangler.toml asks), but
 * split at each `import()`. wrangler uploads one module, in which esbuild wraps
 * whatever only an `import()` reaches in a function run on that import; so the
 * chunks the entry reaches by static imports are what every isolate evaluates
 * at start-up, and the rest is what only a dynamic import evaluates.
 */
export async function analysePublicPath(esbuildEntry: string): Promise<PublicPath> {
  const esbuild = ((await import(pathToFileURL(esbuildEntry).href)) as { default: typeof import('esbuild') }).default
  const result = await esbuild.build({
    entryPoints: [join(projectRoot, 'src/worker.ts')],
    absWorkingDir: projectRoot,
    outdir: join(projectRoot, '.wrangler', 'public-path'),
    write: false,
    ...asWranglerBundles,
    splitting: true,
    minify: true,
    metafile: true,
  })
  const metafile = result.metafile as Metafile
  const contents = new Map(result.outputFiles.map((file) => [file.path, file.contents]))
  // Each import() target is an entry point of its own chunk too: the Worker's is the one from src/worker.ts.
  const entry = Object.keys(metafile.outputs).find((name) => metafile.outputs[name]?.entryPoint === 'src/worker.ts')
  if (!entry) throw new Error('esbuild emitted no entry chunk for src/worker.ts')
  const atStartUp = new Set([entry])
  for (const name of atStartUp) {
    for (const imported of metafile.outputs[name]?.imports ?? []) if (imported.kind === 'import-statement') atStartUp.add(imported.path)
  }
  const imports = Object.fromEntries(
    Object.entries(metafile.inputs).map(([input, { imports }]) => [input, imports.filter((i) => i.kind === 'import-statement').map((i) => i.path)]),
  )
  const path: PublicPath = { evaluated: {}, lazy: {}, evaluatedBytes: 0, evaluatedGzipBytes: 0, lazyBytes: 0, lazyGzipBytes: 0, imports }
  for (const [name, output] of Object.entries(metafile.outputs)) {
    const bytes = contents.get(join(projectRoot, name))
    if (!bytes) throw new Error(`esbuild reported ${name} but returned no such file`)
    const now = atStartUp.has(name)
    const inputs = now ? path.evaluated : path.lazy
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) inputs[input] = (inputs[input] ?? 0) + bytesInOutput
    if (now) {
      path.evaluatedBytes += bytes.length
      path.evaluatedGzipBytes += gzipSync(bytes).length
    } else {
      path.lazyBytes += bytes.length
      path.lazyGzipBytes += gzipSync(bytes).length
    }
  }
  return path
}

/** An input's package name, or the source file itself. */
export const packageOf = (input: string): string => /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input)?.[1] ?? input

/** Bytes by package, and by feature folder for the site's own code, largest first. */
export function groupInputs(inputs: Record<string, number>): [string, number][] {
  const groups = new Map<string, number>()
  for (const [input, bytes] of Object.entries(inputs)) {
    const group = packageOf(input)
      .replace(/^src\/features\/([^/]+)\/.*/, 'src/features/$1/')
      .replace(/^src\/(platform|ui)\/.*/, 'src/$1/')
    groups.set(group, (groups.get(group) ?? 0) + bytes)
  }
  return [...groups].sort((a, b) => b[1] - a[1])
}
