import { type ChildProcess, spawn } from 'node:child_process'
import { once } from 'node:events'
import { closeSync, mkdirSync, openSync, readFileSync, rmSync } from 'node:fs'
import { setTimeout as sleep } from 'node:timers/promises'
import { fileURLToPath } from 'node:url'
import type { TestProject } from 'vitest/node'

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string
  }
}

// Port and state differ from `npm run dev` (8787, .wrangler/state) so a developer's
// dev server and database are never touched. E2E_PORT lets two checkouts run their
// browser tests side by side.
const port = Number(process.env.E2E_PORT ?? 8788)
const baseUrl = `http://127.0.0.1:${port}`
const root = fileURLToPath(new URL('../..', import.meta.url))
const stateDir = '.wrangler/e2e-state'
const logPath = `${root}.wrangler/e2e-server.log`
const wrangler = `${root}node_modules/.bin/wrangler`
const readyTimeoutMs = 60_000
const stopTimeoutMs = 5_000

const answers = async (url: string): Promise<number | undefined> => {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(2_000) })
    await response.body?.cancel()
    return response.status
  } catch {
    return undefined
  }
}

const failWithLog = (message: string): never => {
  console.error(`--- ${logPath} ---\n${readFileSync(logPath, 'utf8')}`)
  throw new Error(message)
}

const runWrangler = (args: string[], logFd: number): ChildProcess =>
  // detached: wrangler starts workerd as a child; its own process group lets teardown stop both.
  spawn(wrangler, args, { cwd: root, detached: true, stdio: ['ignore', logFd, logFd] })

/** Stops the whole process group, giving wrangler a moment to shut workerd down cleanly. */
const stop = async (server: ChildProcess): Promise<void> => {
  const group = -server.pid!
  const exited = server.exitCode === null && server.signalCode === null ? once(server, 'exit') : Promise.resolve()
  try {
    process.kill(group, 'SIGTERM')
  } catch {
    return // already gone
  }
  await Promise.race([exited, sleep(stopTimeoutMs)])
  try {
    process.kill(group, 'SIGKILL')
  } catch {
    // every process in the group exited on SIGTERM
  }
}

const waitUntilReady = async (server: ChildProcess): Promise<void> => {
  const deadline = Date.now() + readyTimeoutMs
  while (Date.now() < deadline) {
    if (server.exitCode !== null || server.signalCode !== null) {
      failWithLog(`wrangler dev stopped (${server.exitCode ?? server.signalCode}) before serving`)
    }
    if ((await answers(`${baseUrl}/`)) === 200) return
    await sleep(250)
  }
  failWithLog(`${baseUrl}/ did not answer 200 within ${readyTimeoutMs / 1000} s`)
}

export default async function setup(project: TestProject) {
  if ((await answers(`${baseUrl}/`)) !== undefined) {
    throw new Error(`Something already answers on ${baseUrl}: stop it (a previous e2e run?) and retry.`)
  }
  // An empty database every run, so no test depends on what an earlier run left behind.
  rmSync(`${root}${stateDir}`, { recursive: true, force: true })
  mkdirSync(`${root}.wrangler`, { recursive: true })
  const logFd = openSync(logPath, 'w')

  const migrate = runWrangler(['d1', 'migrations', 'apply', 'DB', '--local', '--persist-to', stateDir], logFd)
  const [migrateCode] = await once(migrate, 'exit')
  if (migrateCode !== 0) {
    closeSync(logFd)
    failWithLog(`wrangler d1 migrations apply exited with code ${migrateCode}`)
  }

  // The repository's articles, imported as `npm run dev` does.
  const seed = spawn(process.execPath, ['src/features/articles/cli/import-articles.mjs', '--local', '--persist-to', stateDir], {
    cwd: root,
    stdio: ['ignore', logFd, logFd],
  })
  const [seedCode] = await once(seed, 'exit')
  if (seedCode !== 0) {
    closeSync(logFd)
    failWithLog(`the article import exited with code ${seedCode}`)
  }

  // The committed example secrets, never a developer's own .dev.vars, so every run sees the same configuration;
  // links in its emails point at this server, as `npm run dev` makes them point at its own.
  const server = runWrangler(
    ['dev', '--port', String(port), '--ip', '127.0.0.1', '--var', `SITE_URL:${baseUrl}`, '--persist-to', stateDir, '--env-file', '.dev.vars.example'],
    logFd,
  )
  closeSync(logFd)
  try {
    await waitUntilReady(server)
  } catch (error) {
    await stop(server)
    throw error
  }

  project.provide('baseUrl', baseUrl)
  return () => stop(server)
}
