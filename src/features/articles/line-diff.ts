import { diffLines } from 'diff'

export interface DiffLine {
  kind: 'same' | 'added' | 'removed'
  text: string
}

/**
 * The lines of `after` against those of `before`, each marked kept, added or
 * removed, in reading order. Line endings are normalised first, so a text
 * pasted with CRLF does not show every line as changed.
 */
export function diffText(before: string, after: string): DiffLine[] {
  const lines: DiffLine[] = []
  for (const change of diffLines(before.replace(/\r\n?/g, '\n'), after.replace(/\r\n?/g, '\n'))) {
    const kind = change.added ? 'added' : change.removed ? 'removed' : 'same'
    for (const text of change.value.replace(/\n$/, '').split('\n')) lines.push({ kind, text })
  }
  return lines
}

/** True when the two texts differ somewhere. */
export const hasChanges = (lines: readonly DiffLine[]): boolean => lines.some((line) => line.kind !== 'same')
