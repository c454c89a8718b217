import type { Sample } from './load.ts'
import { type Goal, integer, line, ms, paragraph, percent, ratio, table, verdict } from './report.ts'
import { type BenchTarget, baselineId, headersFloorId } from './servers.ts'

/** Above this much CPU taken by other processes (in cores), say the figures are noisy. */
const noisyOtherCpu = 0.15

const micros = (value: number | undefined): string => (value === undefined ? 'n/a' : `${Math.round(value)} µs`)

export const cpuNote = (sample: Sample): string =>
  `p50 ${ms(sample.p50Ms)}  p99 ${ms(sample.p99Ms)}  server ${percent(sample.serverCpu)} (${micros(sample.serverMicrosPerRequest)}/req)` +
  `  client ${percent(sample.clientCpu)}  other ${percent(sample.otherCpu)}`

/** Requests/s of `a` over `b`, and the same by CPU per request when both have it. */
function shares(a: Sample, b: Sample): { share: number; byCpu: number | undefined } {
  const byCpu = a.serverMicrosPerRequest && b.serverMicrosPerRequest ? b.serverMicrosPerRequest / a.serverMicrosPerRequest : undefined
  return { share: a.requestsPerSecond / b.requestsPerSecond, byCpu }
}

const withCpu = ({ share, byCpu }: { share: number; byCpu: number | undefined }, of: string): string =>
  `${ratio(share)} ${of}${byCpu === undefined ? '' : ` (${ratio(byCpu)} by CPU/req)`}`

function goalFor(
  target: BenchTarget,
  summaries: Map<string, Sample>,
  describe: (share: { share: number; byCpu: number | undefined }) => string,
): Goal | undefined {
  const summary = summaries.get(target.id)
  const baseline = summaries.get(target.baseline ?? baselineId)
  if (!summary || !baseline) return undefined
  const share = shares(summary, baseline)
  if (target.minRatio === undefined) return target.reported ? { name: target.label, actual: describe(share), wanted: 'none: reported', pass: true } : undefined
  return { name: target.label, actual: describe(share), wanted: `goal >= ${target.minRatio}×`, pass: share.share >= target.minRatio }
}

function noiseNote(summaries: Map<string, Sample>): void {
  const other = Math.max(...[...summaries.values()].map((summary) => summary.otherCpu ?? 0))
  if (other > noisyOtherCpu)
    paragraph(`note: other processes used up to ${percent(other)} of a core during the measurements; req/s figures are noisy, CPU/req less so.`)
}

/**
 * The article targets, each against the constant-string Worker (how the goals
 * are defined) and against the same Worker sending the site's headers, which
 * no Worker sending them can beat by much.
 */
export function printReadResults(targets: BenchTarget[], summaries: Map<string, Sample>): Goal[] {
  const baseline = summaries.get(baselineId)
  const floor = summaries.get(headersFloorId)
  if (!baseline || !floor) throw new Error('no figures for the constant Workers')
  const rows = targets.map((target) => {
    const summary = summaries.get(target.id)
    if (!summary) return []
    const goal =
      target.minRatio === undefined
        ? target.reported
          ? 'reported'
          : ''
        : `>= ${target.minRatio.toFixed(2)} ${verdict(summary.requestsPerSecond / baseline.requestsPerSecond >= target.minRatio)}`
    return [
      target.label,
      integer(summary.requestsPerSecond),
      ms(summary.p50Ms),
      ms(summary.p99Ms),
      ratio(summary.requestsPerSecond / baseline.requestsPerSecond),
      goal,
      ratio(summary.requestsPerSecond / floor.requestsPerSecond),
      micros(summary.serverMicrosPerRequest),
      percent(summary.serverCpu),
      target.runtime,
    ]
  })
  table([['target', 'req/s', 'p50', 'p99', 'ratio', 'goal (ratio)', 'vs headers', 'CPU/req', 'server', 'runtime'], ...rows], new Set([1, 2, 3, 4, 6, 7, 8]))
  line()
  const headerCost = shares(floor, baseline)
  paragraph(
    'ratio: requests/s over the constant-string Worker, which the goals are set against. vs headers: over "constant + the site headers". ' +
      `Sending the site's headers alone brings the constant Worker to ${withCpu(headerCost, 'of itself')}, so every page carrying them starts ` +
      'from there. CPU/req: workerd CPU time per response, steadier than req/s when something else takes the core. server: how busy ' +
      'that workerd was (near 100%: the Worker set the pace, not the client).',
  )
  noiseNote(summaries)
  return targets.flatMap((target) => {
    const summary = summaries.get(target.id)
    const goal = goalFor(target, summaries, (share) => withCpu(share, 'constant'))
    if (!goal || !summary) return []
    // The cached article beside itself with counting off: what counting views costs a page cache hit.
    const other = target.alsoComparedWith === undefined ? undefined : summaries.get(target.alsoComparedWith)
    const beside = other
      ? `; ${withCpu(shares(summary, other), `of ${targets.find((candidate) => candidate.id === target.alsoComparedWith)?.label ?? ''}`)}`
      : ''
    return [{ ...goal, actual: `${goal.actual}; ${ratio(summary.requestsPerSecond / floor.requestsPerSecond)} constant + headers${beside}` }]
  })
}

/** A bare target's label without the form, e.g. "bare + 2 rate-limit calls", for the goals list. */
const bareLabel = (targets: BenchTarget[], id: string | undefined): string =>
  targets.find((target) => target.id === id)?.label.replace(/^bare \w+ write/, 'bare') ?? ''

/**
 * Each form's POST against the bare Worker doing the same write and rate-limit
 * calls (the goal), and against the bare write alone for information; the
 * bare Worker with the calls against the one without, which is what they cost.
 */
export function printWriteResults(targets: BenchTarget[], summaries: Map<string, Sample>): Goal[] {
  const shareAgainst = (summary: Sample, id: string | undefined) => {
    const other = id === undefined ? undefined : summaries.get(id)
    return other ? shares(summary, other) : undefined
  }
  const rows = targets.map((target) => {
    const summary = summaries.get(target.id)
    if (!summary) return []
    const share = shareAgainst(summary, target.baseline)
    const bare = shareAgainst(summary, target.alsoComparedWith)
    return [
      target.label,
      integer(summary.requestsPerSecond),
      ms(summary.p50Ms),
      ms(summary.p99Ms),
      share ? ratio(share.share) : '',
      share && target.minRatio !== undefined ? `>= ${target.minRatio.toFixed(2)} ${verdict(share.share >= target.minRatio)}` : '',
      share?.byCpu === undefined ? '' : ratio(share.byCpu),
      bare ? ratio(bare.share) : '',
      micros(summary.serverMicrosPerRequest),
      percent(summary.serverCpu),
    ]
  })
  table(
    [['target', 'req/s', 'p50', 'p99', 'ratio', 'goal (ratio)', 'by CPU', 'vs bare write', 'CPU/req', 'server'], ...rows],
    new Set([1, 2, 3, 4, 6, 7, 8, 9]),
  )
  line()
  paragraph(
    "ratio: requests/s over the row's baseline. For the site, that is the bare Worker doing the same write and the same rate-limit " +
      'calls, which any form POST must make: the goal. For the bare Worker with those calls, it is the bare write alone, so it shows ' +
      'what the calls cost here. by CPU: the same ratio from CPU/req. vs bare write: the site over the bare write without rate ' +
      "limiting, for information. CPU/req here is all of Miniflare's workerd: the Worker, and D1's SQLite, the queue and the rate " +
      'limiter, which run in it too.',
  )
  noiseNote(summaries)
  return targets.flatMap((target) => {
    const goal = goalFor(target, summaries, (share) => withCpu(share, bareLabel(targets, target.baseline)))
    if (!goal) return []
    const summary = summaries.get(target.id)
    const bare = summary && shareAgainst(summary, target.alsoComparedWith)
    if (!bare) return [goal]
    return [{ ...goal, actual: `${goal.actual}; ${withCpu(bare, bareLabel(targets, target.alsoComparedWith))}` }]
  })
}
