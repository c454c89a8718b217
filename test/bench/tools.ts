import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join, relative } from 'node:path'

export const projectRoot = join(import.meta.dirname, '..', '..')

interface Package {
  dir: string
  version: string
}

export interface Tools {
  node: string
  wrangler: Package & { bin: string }
  /** The workerd wrangler itself runs, so `workerd serve` matches `wrangler dev`. */
  workerd: Package & { bin: string; runtimeVersion: string }
  /** The hoisted workerd behind node_modules/.bin/workerd, when it is another build. */
  otherWorkerd?: Package & { bin: string; runtimeVersion: string }
  miniflare: Package & { entry: string }
  esbuild: Package & { entry: string }
}

const readVersion = (dir: string): string => (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string }).version

/** None of these packages has an `exports` map, so package.json and main resolve directly. */
function packageFrom(require: NodeJS.Require, name: string): Package & { entry: string } {
  const dir = dirname(require.resolve(`${name}/package.json`))
  return { dir, version: readVersion(dir), entry: require.resolve(name) }
}

function tryResolveDir(require: NodeJS.Require, name: string): string | undefined {
  try {
    return dirname(require.resolve(`${name}/package.json`))
  } catch {
    return undefined
  }
}

const runtimeVersion = (bin: string): string => execFileSync(bin, ['--version'], { encoding: 'utf8' }).trim()

/**
 * Resolves workerd, miniflare and esbuild the way wrangler does, from
 * wrangler's own directory: the project also has older copies hoisted for
 * the vitest plugin, and the figures should come from what ships.
 */
export function resolveTools(): Tools {
  const require = createRequire(join(projectRoot, 'package.json'))
  const wranglerDir = dirname(require.resolve('wrangler/package.json'))
  const fromWrangler = createRequire(join(wranglerDir, 'package.json'))

  const workerdPackage = packageFrom(fromWrangler, 'workerd')
  const workerdBin = join(workerdPackage.dir, 'bin', 'workerd')
  const workerd = { ...workerdPackage, bin: workerdBin, runtimeVersion: runtimeVersion(workerdBin) }

  // node_modules/.bin/workerd links to the hoisted copy, which may be another build.
  const hoisted = tryResolveDir(require, 'workerd')
  let otherWorkerd: Tools['otherWorkerd']
  if (hoisted !== undefined && hoisted !== workerd.dir) {
    const bin = join(hoisted, 'bin', 'workerd')
    otherWorkerd = { dir: hoisted, version: readVersion(hoisted), bin, runtimeVersion: runtimeVersion(bin) }
  }

  return {
    node: process.version,
    wrangler: { dir: wranglerDir, version: readVersion(wranglerDir), bin: join(wranglerDir, 'bin', 'wrangler.js') },
    workerd,
    otherWorkerd,
    miniflare: packageFrom(fromWrangler, 'miniflare'),
    esbuild: packageFrom(fromWrangler, 'esbuild'),
  }
}

export const fromRoot = (path: string): string => relative(projectRoot, path) || '.'
