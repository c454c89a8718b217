export const integer = (value: number): string => Math.round(value).toLocaleString('en-US')

export const ms = (value: number): string => `${value < 10 ? value.toFixed(2) : value.toFixed(1)} ms`

export const kilobytes = (bytes: number): string => `${(bytes / 1000).toFixed(1)} kB`

export const percent = (share: number | undefined): string => (share === undefined ? 'n/a' : `${Math.round(share * 100)}%`)

/** A duration in microseconds, as µs below a millisecond and ms above. */
export const micros = (value: number): string => (value < 1_000 ? `${Math.round(value)} µs` : ms(value / 1_000))

export const ratio = (value: number): string => `${value.toFixed(2)}×`

export const verdict = (pass: boolean): string => (pass ? 'PASS' : 'MISS')

export const heading = (text: string): void => console.log(`\n${text}`)

export const line = (text = ''): void => console.log(text ? `  ${text}` : '')

/** A paragraph wrapped to `width`, continuation lines indented under the first. */
export function paragraph(text: string, width = 110): void {
  let current = ''
  for (const word of text.split(' ')) {
    if (current && current.length + word.length + 1 > width) {
      line(current)
      current = `  ${word}`
    } else current = current ? `${current} ${word}` : word
  }
  if (current) line(current)
}

/** Columns padded to their widest cell; `right` lists the numeric ones. */
export function table(rows: string[][], right: ReadonlySet<number> = new Set()): void {
  const widths: number[] = []
  for (const row of rows) for (const [i, cell] of row.entries()) widths[i] = Math.max(widths[i] ?? 0, cell.length)
  for (const row of rows) {
    const cells = row.map((cell, i) => (right.has(i) ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0)))
    line(cells.join('  ').trimEnd())
  }
}

export interface Goal {
  name: string
  /** What was measured, as printed. */
  actual: string
  wanted: string
  pass: boolean
}

export function printGoals(goals: Goal[]): void {
  table(goals.map((goal) => [verdict(goal.pass), goal.name, goal.actual, goal.wanted]))
}
