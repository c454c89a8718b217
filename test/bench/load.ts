import { performance } from 'node:perf_hooks'
import autocannon, { type Options as AutocannonOptions } from 'autocannon'
import { cpuSeconds, machineBusySeconds } from './cpu.ts'

/**
 * One thing to load. A write path (POST /contact, /book) is a Target with
 * `method`, `headers`, a `body` and its own `expectStatus` (e.g. 303).
 */
export interface Target {
  id: string
  label: string
  /** Where the figure comes from, printed beside it. */
  runtime: string
  url: string
  method?: 'GET' | 'POST'
  headers?: Record<string, string>
  /** A function is called for every request, for writes that must each differ (and may set headers of their own, such as the client's address). */
  body?: string | (() => string | { body: string; headers: Record<string, string> })
  expectStatus?: number
  /** The server process, to report how busy it was. */
  serverPid?: number
}

export interface LoadOptions {
  connections: number
  warmupSeconds: number
  seconds: number
  rounds: number
}

export interface Sample {
  requestsPerSecond: number
  p50Ms: number
  p99Ms: number
  /** Server CPU over the measurement, 1 = one core fully busy. */
  serverCpu: number | undefined
  /**
   * Server CPU per response: unlike requests/s it barely moves when another
   * process takes the server's core for a while.
   */
  serverMicrosPerRequest: number | undefined
  /** This Node process (autocannon, and Miniflare's Node side). */
  clientCpu: number
  /** Every other process on the machine, in cores: noise. */
  otherCpu: number | undefined
}

/**
 * Latencies are kept raw rather than read from autocannon's histogram,
 * which records whole milliseconds: most of these responses take less.
 */
class Latencies {
  values = new Float64Array(1 << 16)
  count = 0

  add(ms: number): void {
    if (this.count === this.values.length) {
      const grown = new Float64Array(this.values.length * 2)
      grown.set(this.values)
      this.values = grown
    }
    this.values[this.count++] = ms
  }

  percentile(p: number): number {
    const sorted = this.values.slice(0, this.count).sort()
    return sorted[Math.min(this.count - 1, Math.ceil((p / 100) * this.count) - 1)] ?? Number.NaN
  }
}

/** autocannon rebuilds a request (and its Content-Length) before each send only when it has a setupRequest. */
function bodyOptions(body: Target['body']): Pick<AutocannonOptions, 'body' | 'requests'> {
  if (typeof body === 'function')
    return {
      requests: [
        {
          setupRequest: (request) => {
            const next = body()
            return typeof next === 'string' ? { ...request, body: next } : { ...request, body: next.body, headers: { ...request.headers, ...next.headers } }
          },
        },
      ],
    }
  return body === undefined ? {} : { body }
}

function run(target: Target, connections: number, seconds: number, latencies?: Latencies): Promise<{ seconds: number; ok: number; problems: string[] }> {
  const expect = target.expectStatus ?? 200
  const started = performance.now()
  let ok = 0
  const unexpected = new Map<number, number>()
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: target.url,
        connections,
        duration: seconds,
        method: target.method ?? 'GET',
        // Only when set: an explicit undefined would replace autocannon's own defaults.
        ...(target.headers && { headers: target.headers }),
        ...bodyOptions(target.body),
      },
      (error, result) => {
        if (error) return reject(error)
        const problems = [...unexpected].map(([status, count]) => `${count} × status ${status} (expected ${expect})`)
        if (result.errors > 0) problems.push(`${result.errors} connection errors`)
        if (result.timeouts > 0) problems.push(`${result.timeouts} timeouts`)
        resolve({ seconds: (performance.now() - started) / 1000, ok, problems })
      },
    )
    instance.on('response', (_client, status, _bytes, responseTime) => {
      if (status !== expect) {
        unexpected.set(status, (unexpected.get(status) ?? 0) + 1)
        return
      }
      ok++
      latencies?.add(responseTime)
    })
  })
}

async function measure(target: Target, options: LoadOptions): Promise<Sample> {
  const warmup = await run(target, options.connections, options.warmupSeconds)
  if (warmup.problems.length > 0) throw new Error(`${target.label} (${target.url}), warm-up: ${warmup.problems.join(', ')}`)
  const latencies = new Latencies()
  const server = () => (target.serverPid === undefined ? undefined : cpuSeconds(target.serverPid))
  const serverBefore = server()
  const machineBefore = machineBusySeconds()
  const clientBefore = process.cpuUsage()
  const { seconds, ok, problems } = await run(target, options.connections, options.seconds, latencies)
  const clientUsage = process.cpuUsage(clientBefore)
  const machineAfter = machineBusySeconds()
  const serverAfter = server()
  if (problems.length > 0) throw new Error(`${target.label} (${target.url}): ${problems.join(', ')}`)
  if (ok === 0) throw new Error(`${target.label} (${target.url}): no responses`)

  const client = (clientUsage.user + clientUsage.system) / 1e6
  const serverSeconds = serverBefore === undefined || serverAfter === undefined ? undefined : serverAfter - serverBefore
  const machine = machineBefore === undefined || machineAfter === undefined ? undefined : machineAfter - machineBefore
  return {
    requestsPerSecond: ok / seconds,
    p50Ms: latencies.percentile(50),
    p99Ms: latencies.percentile(99),
    serverCpu: serverSeconds === undefined ? undefined : serverSeconds / seconds,
    serverMicrosPerRequest: serverSeconds === undefined ? undefined : (serverSeconds / ok) * 1e6,
    clientCpu: client / seconds,
    otherCpu: machine === undefined || serverSeconds === undefined ? undefined : Math.max(0, machine - serverSeconds - client) / seconds,
  }
}

/**
 * Rounds interleave the targets, each round starting one target later, so
 * slow drift (thermal, another process waking up) spreads over all of them
 * instead of landing on whichever always runs last.
 */
export async function measureRounds(
  targets: Target[],
  options: LoadOptions,
  onSample: (round: number, target: Target, sample: Sample) => void,
): Promise<Map<string, Sample[]>> {
  const samples = new Map<string, Sample[]>(targets.map((target) => [target.id, []]))
  for (let round = 0; round < options.rounds; round++) {
    for (let i = 0; i < targets.length; i++) {
      const target = targets[(round + i) % targets.length]
      if (!target) continue
      const sample = await measure(target, options)
      samples.get(target.id)?.push(sample)
      onSample(round, target, sample)
    }
  }
  return samples
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  if (sorted.length === 0) return Number.NaN
  return sorted.length % 2 === 1 ? (sorted[middle] ?? Number.NaN) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2
}

const medianOf = (samples: Sample[], figure: (sample: Sample) => number | undefined): number | undefined => {
  const values = samples.map(figure).filter((value) => value !== undefined)
  return values.length > 0 ? median(values) : undefined
}

/** Median over rounds, taken separately for each figure. */
export function summarize(samples: Sample[]): Sample {
  return {
    requestsPerSecond: median(samples.map((sample) => sample.requestsPerSecond)),
    p50Ms: median(samples.map((sample) => sample.p50Ms)),
    p99Ms: median(samples.map((sample) => sample.p99Ms)),
    serverCpu: medianOf(samples, (sample) => sample.serverCpu),
    serverMicrosPerRequest: medianOf(samples, (sample) => sample.serverMicrosPerRequest),
    clientCpu: median(samples.map((sample) => sample.clientCpu)),
    otherCpu: medianOf(samples, (sample) => sample.otherCpu),
  }
}
