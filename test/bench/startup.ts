import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import type { Bundle, Compatibility } from './bundle.ts'
import { freePort, get } from './http.ts'
import { sleep } from './processes.ts'
import { startWorkerd, writeConfig } from './workerd.ts'

export interface StartUpTarget {
  id: string
  bundle: Bundle
  /** Where the first request goes. */
  path: string
  json?: Record<string, unknown>
}

/**
 * Milliseconds from spawning `workerd serve` with the one Worker to its first
 * answer, whatever its status. workerd compiles and evaluates the Worker's
 * modules before it opens the socket, so this is the process's own start plus
 * what the Worker costs a fresh isolate, and the difference between two
 * Workers is what their code costs at start-up.
 */
async function startOnce(workerdBin: string, dir: string, target: StartUpTarget, compatibility: Compatibility): Promise<number> {
  const port = await freePort()
  const config = writeConfig(join(dir, `startup-${target.id}.capnp`), [{ name: target.id, port, bundle: target.bundle, compatibility, json: target.json }])
  const started = performance.now()
  const workerd = startWorkerd(workerdBin, config)
  let exited = false
  void workerd.exited.then(() => (exited = true))
  try {
    const deadline = started + 15_000
    while (performance.now() < deadline) {
      if (exited) throw new Error(`workerd exited before ${target.id} answered:\n${workerd.output()}`)
      try {
        await get(`http://127.0.0.1:${port}${target.path}`, Math.max(1, deadline - performance.now()))
        return performance.now() - started
      } catch {
        await sleep(1)
      }
    }
    throw new Error(`${target.id} did not answer within 15 s; workerd output:\n${workerd.output()}`)
  } finally {
    await workerd.stop()
  }
}

/** Each target started `rounds` times, interleaved so that a slow moment of the machine falls on all of them. */
export async function measureStartUps(
  workerdBin: string,
  dir: string,
  targets: StartUpTarget[],
  compatibility: Compatibility,
  rounds: number,
): Promise<Map<string, number[]>> {
  const samples = new Map(targets.map((target) => [target.id, [] as number[]]))
  for (let round = 0; round < rounds; round++) {
    for (const target of targets) samples.get(target.id)?.push(await startOnce(workerdBin, dir, target, compatibility))
  }
  return samples
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2
}
