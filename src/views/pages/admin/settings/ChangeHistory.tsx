import type { SettingsChangeRow } from '../../../../db/schema'
import { formatInstant } from '../../../../lib/dates'
import { CsrfField } from '../AdminLayout'

const shown = (value: unknown) => {
  const text = value === undefined ? '(none)' : JSON.stringify(value)
  return text.length > 60 ? `${text.slice(0, 59)}…` : text
}

const leaves = (prefix: string, value: unknown): [string, unknown][] =>
  value !== null && typeof value === 'object'
    ? Object.entries(value).flatMap(([key, inner]) => leaves(prefix ? `${prefix}.${key}` : key, inner))
    : [[prefix, value]]

/** The fields a change touched, each as "path: before → after". */
export function describeChange(before: unknown, after: unknown): string[] {
  const old = new Map(leaves('', before))
  const now = new Map(leaves('', after))
  return [...new Set([...old.keys(), ...now.keys()])].filter((path) => old.get(path) !== now.get(path)).map((path) => `${path}: ${shown(old.get(path))} → ${shown(now.get(path))}`)
}

/** The latest changes, newest first, each restorable as it was before or after. */
export const ChangeHistory = ({ changes, revisions, csrfToken }: { changes: readonly SettingsChangeRow[]; revisions: Record<string, number>; csrfToken: string }) => (
  <section id="history" aria-labelledby="history-title">
    <h2 id="history-title">Recent changes</h2>
    {changes.length === 0 ? <p>No changes yet: every section shows its starting values.</p> : null}
    <ol class="change-list">
      {changes.map((change) => {
        const lines = describeChange(change.before, change.after)
        return (
          <li>
            <p>
              <time datetime={change.createdAt.toISOString()}>{formatInstant(change.createdAt)}</time>, {change.actor}, {change.section} (revision {change.revision})
            </p>
            <ul>
              {lines.slice(0, 8).map((line) => <li><code>{line}</code></li>)}
              {lines.length > 8 ? <li>and {lines.length - 8} more</li> : null}
            </ul>
            <form method="post" action="/admin/settings/restore" class="inline">
              <CsrfField token={csrfToken} />
              <input type="hidden" name="section" value={change.section} />
              <input type="hidden" name="change" value={String(change.revision)} />
              <input type="hidden" name="revision" value={String(revisions[change.section] ?? 0)} />
              <button type="submit" name="version" value="after" class="button">Restore this version</button>{' '}
              <button type="submit" name="version" value="before" class="button">Restore the version before it</button>
            </form>
          </li>
        )
      })}
    </ol>
  </section>
)
