import { execFileSync } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'

/**
 * CPU time from /proc (Linux only; elsewhere the figures are absent). On a
 * two-core machine workerd and the autocannon client get one core each, so
 * the server's share says who set the pace, and whatever else ran on the
 * machine meanwhile says how much to trust a figure.
 */
let ticksPerSecond: number | undefined

function clockTicks(): number {
  if (ticksPerSecond === undefined) {
    try {
      ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100
    } catch {
      ticksPerSecond = 100
    }
  }
  return ticksPerSecond
}

interface Stat {
  comm: string
  ppid: number
  cpuSeconds: number
}

function readStat(pid: number): Stat | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    // comm is parenthesised and may hold spaces; fields after it are fixed.
    const close = stat.lastIndexOf(')')
    const fields = stat.slice(close + 2).split(' ')
    const utime = Number(fields[11])
    const stime = Number(fields[12])
    return { comm: stat.slice(stat.indexOf('(') + 1, close), ppid: Number(fields[1]), cpuSeconds: (utime + stime) / clockTicks() }
  } catch {
    return undefined
  }
}

export const cpuSeconds = (pid: number): number | undefined => readStat(pid)?.cpuSeconds

/** Child processes of `parent` named `comm` (Miniflare spawns its workerd itself and does not expose the pid). */
export function childrenNamed(parent: number, comm: string): number[] {
  const found: number[] = []
  try {
    for (const entry of readdirSync('/proc')) {
      const pid = Number(entry)
      if (!Number.isInteger(pid)) continue
      const stat = readStat(pid)
      if (stat?.ppid === parent && stat.comm === comm) found.push(pid)
    }
  } catch {
    // No /proc.
  }
  return found
}

/** CPU time every process on the machine used, from /proc/stat's aggregate line. */
export function machineBusySeconds(): number | undefined {
  try {
    const fields = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0]?.trim().split(/\s+/).slice(1).map(Number) ?? []
    // user nice system idle iowait irq softirq steal: all but idle and iowait are work.
    const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0, steal = 0] = fields
    return (user + nice + system + irq + softirq + steal) / clockTicks()
  } catch {
    return undefined
  }
}
