import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { pathToFileURL } from 'node:url'
import { defaultPractice } from '../../src/config.ts'
import type { Bundle } from './bundle.ts'
import { buildSchedule, schedule } from './schedule-data.ts'

export interface FreeTimesFigure {
  /** CPU time (user + system) of one computation, in microseconds. */
  cpuMicros: number
  wallMicros: number
  runs: number
  starts: number
}

/** How long the measurement runs, after a warm-up that lets V8 optimise the function. */
const measureMs = 2_000
const warmupRuns = 30

/**
 * The CPU time of one `listFreeStarts` for one treatment over the next 60 days
 * with 200 appointments and 500 busy blocks, 15-minute steps: the function the
 * /book page, the inbox's forms, the week view and the waitlist all call. It
 * runs in Node from the bundle esbuild made of it (the same V8 as workerd),
 * alone on one core: it is pure, so no D1 or HTTP is in the figure.
 */
export async function measureFreeTimes(bundle: Bundle): Promise<FreeTimesFigure> {
  const { listFreeStarts } = (await import(pathToFileURL(join(bundle.dir, 'free-times.js')).href)) as {
    // Its query's type lives in src, whose extensionless imports this Node-checked folder cannot follow.
    listFreeStarts: (query: object) => number[]
  }
  const now = new Date()
  const { from, to, appointments, busy } = buildSchedule(now)
  const { booking, timeZone } = defaultPractice
  const query = {
    weekly: weeklyOf(),
    timeOff: [],
    appointments,
    busy,
    durationMinutes: schedule.durationMinutes,
    bufferMinutes: 10,
    minimumNoticeHours: booking.minimumNoticeHours,
    horizonDays: schedule.days + 1,
    stepMinutes: schedule.stepMinutes,
    maxPerDay: null,
    timeZone,
    now,
    from,
    to,
  }
  let starts = 0
  for (let run = 0; run < warmupRuns; run++) starts = listFreeStarts(query).length
  if (starts === 0) throw new Error('listFreeStarts found no free start: the bench schedule leaves none, so it measures nothing')
  const cpuBefore = process.cpuUsage()
  const wallBefore = performance.now()
  let runs = 0
  while (performance.now() - wallBefore < measureMs) {
    listFreeStarts(query)
    runs++
  }
  const wall = performance.now() - wallBefore
  const cpu = process.cpuUsage(cpuBefore)
  return { cpuMicros: (cpu.user + cpu.system) / runs, wallMicros: (wall * 1000) / runs, runs, starts }
}

/** The config's opening hours as the hours settings hold them: each weekday's ranges. */
const weeklyOf = (): Record<string, { opens: string; closes: string }[]> =>
  Object.fromEntries(
    ['Mo', 'Tu', 'We', 'Th', 'Fr', 'Sa', 'Su'].map((day) => [
      day,
      defaultPractice.openingHours.filter((hours) => (hours.days as readonly string[]).includes(day)).map(({ opens, closes }) => ({ opens, closes })),
    ]),
  )
