import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { extname, join, posix } from 'node:path'
import { pathToFileURL } from 'node:url'
import { gzipSync } from 'node:zlib'
import { spawnTracked } from './processes.ts'
import { projectRoot, type Tools } from './tools.ts'

export type ModuleType = 'esModule' | 'commonJsModule' | 'text' | 'data' | 'wasm'

export interface WorkerModule {
  /** The name other modules import it by, relative to the bundle dir. */
  name: string
  path: string
  type: ModuleType
  bytes: number
  gzipBytes: number
}

export interface Bundle {
  dir: string
  /** The entry first. */
  modules: WorkerModule[]
  /** wrangler's own size line, e.g. "Total Upload: 697.56 KiB / gzip: 232.27 KiB" (the site bundle only). */
  upload?: string
}

export interface Compatibility {
  date: string
  flags: string[]
}

// wrangler's default module rules, plus `.md` as Text from the [[rules]] in wrangler.toml.
const moduleTypes: Record<string, ModuleType> = {
  '.js': 'esModule',
  '.mjs': 'esModule',
  '.cjs': 'commonJsModule',
  '.wasm': 'wasm',
  '.bin': 'data',
  '.txt': 'text',
  '.html': 'text',
  '.sql': 'text',
  '.md': 'text',
}

/**
 * Top-level keys of wrangler.toml come before its first [table], so a
 * line match there is enough and needs no TOML parser.
 */
export function readCompatibility(): Compatibility {
  const toml = readFileSync(join(projectRoot, 'wrangler.toml'), 'utf8')
  const topLevel = toml.split(/^\s*\[/m)[0] ?? ''
  const date = /^compatibility_date\s*=\s*"([^"]+)"/m.exec(topLevel)?.[1]
  if (!date) throw new Error('wrangler.toml: no top-level compatibility_date')
  const flags = /^compatibility_flags\s*=\s*(\[[^\]]*\])/m.exec(topLevel)?.[1]
  try {
    return { date, flags: flags ? (JSON.parse(flags) as string[]) : [] }
  } catch {
    throw new Error(`wrangler.toml: read compatibility_flags as a JSON array and failed (use double quotes, no trailing comma): ${flags}`)
  }
}

/** The bundle `wrangler deploy` would upload, built without an account. */
export async function buildSiteBundle(tools: Tools, outdir: string): Promise<Bundle> {
  const build = spawnTracked(process.execPath, [tools.wrangler.bin, 'deploy', '--dry-run', '--outdir', outdir], {
    cwd: projectRoot,
    env: { ...process.env, WRANGLER_SEND_METRICS: 'false', FORCE_COLOR: '0' },
  })
  const exit = await build.exited
  if (exit.code !== 0) throw new Error(`wrangler deploy --dry-run failed (${exit.error?.message ?? `exit ${exit.code ?? exit.signal}`}):\n${build.output()}`)
  // wrangler names the bundle after wrangler.toml's `main` (src/worker.ts → worker.js).
  const entry = /^main\s*=\s*"([^"]+)"/m.exec(readFileSync(join(projectRoot, 'wrangler.toml'), 'utf8'))?.[1]
  if (!entry) throw new Error('wrangler.toml: no top-level main')
  const main = `${posix.basename(entry).replace(/\.[cm]?[jt]sx?$/, '')}.js`
  if (!existsSync(join(outdir, main))) throw new Error(`wrangler emitted no ${main} in ${outdir}: ${readdirSync(outdir).join(', ')}`)
  return { dir: outdir, modules: collectModules(outdir, main), upload: /Total Upload: [^\n]+/.exec(build.output())?.[0] }
}

/**
 * Follows relative imports from the entry instead of listing the outdir,
 * which also holds wrangler's README.md note and source maps: neither is a
 * module, and README.md would pass for a Text module by its extension.
 */
export function collectModules(dir: string, entry: string): WorkerModule[] {
  const specifier = /(?:\bfrom|\bimport)\s*\(?\s*["'](\.\.?\/[^"']+)["']/g
  const modules: WorkerModule[] = []
  const queue = [entry]
  const seen = new Set(queue)
  for (let name = queue.shift(); name !== undefined; name = queue.shift()) {
    const path = join(dir, name)
    const type = moduleTypes[extname(name)]
    if (!type) throw new Error(`${name}: no module type for ${extname(name) || 'a file without extension'}; add it to moduleTypes in test/bench/bundle.ts`)
    const bytes = readFileSync(path)
    modules.push({ name, path, type, bytes: bytes.length, gzipBytes: gzipSync(bytes).length })
    if (type !== 'esModule' && type !== 'commonJsModule') continue
    for (const match of bytes.toString('utf8').matchAll(specifier)) {
      const imported = posix.normalize(posix.join(posix.dirname(name), match[1] ?? ''))
      // A "./x" inside a string literal that names no emitted file is not an import.
      if (seen.has(imported) || !existsSync(join(dir, imported))) continue
      seen.add(imported)
      queue.push(imported)
    }
  }
  return modules
}

/**
 * The same article route without the page cache, so each request renders.
 * Options mirror wrangler's own esbuild step (conditions, ESM, keepNames,
 * no minification) so the two bundles differ only in what they import.
 */
export const buildRenderBundle = (tools: Tools, outdir: string): Promise<Bundle> => buildEntryBundle(tools, outdir, 'render-entry.tsx')

/**
 * esbuild bundling a Worker as wrangler does: its module conditions, the
 * site's JSX, and the `.md` Text rule. The bench's own entries and the
 * public-path analysis (public-path.ts) both build with it.
 */
export const asWranglerBundles = {
  bundle: true,
  format: 'esm',
  platform: 'neutral',
  target: 'es2024',
  conditions: ['workerd', 'worker', 'browser'],
  mainFields: ['module', 'main'],
  external: ['node:*', 'cloudflare:*'],
  keepNames: true,
  jsx: 'automatic',
  jsxImportSource: 'hono/jsx',
  loader: { '.md': 'text' },
  logLevel: 'silent',
} satisfies import('esbuild').BuildOptions

/** A bench-only entry of test/bench bundled as wrangler would, e.g. the site without its view counting. */
export async function buildEntryBundle(tools: Tools, outdir: string, entry: string): Promise<Bundle> {
  const esbuild = ((await import(pathToFileURL(tools.esbuild.entry).href)) as { default: typeof import('esbuild') }).default
  const name = entry.replace(/-entry\.tsx$/, '.js')
  await esbuild.build({ ...asWranglerBundles, entryPoints: [join(import.meta.dirname, entry)], outfile: join(outdir, name) })
  return { dir: outdir, modules: collectModules(outdir, name) }
}

/**
 * The floor any Worker can reach for this page: the same bytes from a
 * module constant with fixed headers, no routing, no middleware. The page
 * is a Text module so its bytes need no escaping into JavaScript.
 */
export function writeConstantBundle(outdir: string, body: Buffer, headers: Record<string, string>): Bundle {
  mkdirSync(outdir, { recursive: true })
  writeFileSync(join(outdir, 'page.html'), body)
  writeFileSync(
    join(outdir, 'constant.js'),
    [
      `import body from './page.html'`,
      `const headers = ${JSON.stringify(headers)}`,
      `export default { fetch: () => new Response(body, { headers }) }`,
      '',
    ].join('\n'),
  )
  return { dir: outdir, modules: collectModules(outdir, 'constant.js') }
}
