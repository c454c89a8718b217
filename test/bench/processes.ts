import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

interface ExitInfo {
  code: number | null
  signal: NodeJS.Signals | null
  error?: Error
}

export interface Tracked {
  pid: number
  /** Resolves when the process has gone, however it went. */
  exited: Promise<ExitInfo>
  /** The last 64 KB of stdout and stderr, interleaved, for error messages. */
  output(): string
  stop(): Promise<void>
}

type Task = () => void | Promise<void>

const groups = new Set<number>()
const tasks: Task[] = []
const dirs = new Set<string>()
const outputLimit = 64 * 1024

/**
 * Each child gets its own process group (detached) so that one kill also
 * reaches what it spawned itself (wrangler's esbuild, workerd's helpers),
 * and a Ctrl-C in the terminal reaches us first, so cleanup runs in order.
 */
export function spawnTracked(command: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Tracked {
  const child = spawn(command, args, { ...options, detached: true, stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  const keep = (chunk: string) => {
    output = (output + chunk).slice(-outputLimit)
  }
  child.stdout.setEncoding('utf8').on('data', keep)
  child.stderr.setEncoding('utf8').on('data', keep)

  const pid = child.pid
  const exited = new Promise<ExitInfo>((resolve) => {
    child.once('error', (error) => resolve({ code: null, signal: null, error }))
    child.once('exit', (code, signal) => resolve({ code, signal }))
  })
  if (pid !== undefined) {
    groups.add(pid)
    void exited.then(() => groups.delete(pid))
  }

  return {
    pid: pid ?? -1,
    exited,
    output: () => output,
    async stop() {
      if (pid === undefined) return
      killGroup(pid)
      await exited
    },
  }
}

function killGroup(pid: number): void {
  try {
    process.kill(-pid, 'SIGKILL')
  } catch {
    // Already gone.
  }
}

/** Runs at cleanup, last registered first (servers before the files they read). */
export function onCleanup(task: Task): void {
  tasks.push(task)
}

export function makeTempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  dirs.add(dir)
  return dir
}

function removeDirs(): void {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
  dirs.clear()
}

let cleaning: Promise<void> | undefined

export function cleanup(): Promise<void> {
  cleaning ??= (async () => {
    for (const task of tasks.splice(0).reverse()) {
      // A hung dispose must not hold the exit: the group kill below follows anyway.
      const giveUp = new Promise<void>((resolve) => setTimeout(resolve, 5_000).unref())
      await Promise.race([
        Promise.resolve()
          .then(task)
          .catch(() => {}),
        giveUp,
      ])
    }
    for (const pid of groups) killGroup(pid)
    removeDirs()
  })()
  return cleaning
}

/**
 * Signals get an orderly async cleanup; `exit` is the synchronous last resort
 * for anything left (an uncaught error, a second Ctrl-C during cleanup).
 */
export function installCleanupHandlers(): void {
  process.on('exit', () => {
    for (const pid of groups) killGroup(pid)
    removeDirs()
  })
  const signals = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 } as const
  for (const [signal, status] of Object.entries(signals)) {
    process.on(signal, () => {
      if (cleaning) process.exit(status)
      console.error(`\n${signal}: stopping servers and removing the temp dir`)
      void cleanup().finally(() => process.exit(status))
    })
  }
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))
