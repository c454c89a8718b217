import type { DiffLine } from '../../line-diff'

const marks = { same: ' ', added: '+', removed: '-' } as const

/** A line diff as preformatted text: added lines in <ins>, removed in <del>, each with its +/- mark for screen readers and copies. */
export const DiffLines = ({ lines, label }: { lines: readonly DiffLine[]; label: string }) => (
  // A <pre> cannot carry a name (its role is generic), so the named region around it does.
  <section aria-label={label}>
    <pre class="diff">
      {lines.map((line) => {
        const text = `${marks[line.kind]} ${line.text}\n`
        return line.kind === 'added' ? <ins>{text}</ins> : line.kind === 'removed' ? <del>{text}</del> : text
      })}
    </pre>
  </section>
)
