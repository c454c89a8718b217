import type { PracticeConfig } from '../../../config'
import { formatInstant } from '../../../platform/dates'
import { CsrfField } from '../../../ui/AdminLayout'
import { describeChange } from '../describe-change'
import type { SettingsChangeRow } from '../store/schema'
import { sectionTitles } from './SectionForm'

/** The latest changes, newest first, each restorable as it was before or after. */
export const ChangeHistory = ({
  changes,
  revisions,
  csrfToken,
  shown,
}: {
  changes: readonly SettingsChangeRow[]
  revisions: Record<string, number>
  csrfToken: string
  shown: Pick<PracticeConfig, 'locale' | 'currency'>
}) => (
  <section id="history" aria-labelledby="history-title">
    <h2 id="history-title">Recent changes</h2>
    {changes.length === 0 ? <p>No changes yet: every section shows its starting values.</p> : null}
    <ol class="change-list">
      {changes.map((change) => {
        const lines = describeChange(change.section, change.before, change.after, shown)
        return (
          <li>
            <p>
              <time datetime={change.createdAt.toISOString()}>{formatInstant(change.createdAt)}</time>, {change.actor},{' '}
              {sectionTitles[change.section].toLowerCase()} (revision {change.revision})
            </p>
            <ul>
              {lines.slice(0, 8).map((line) => (
                <li>{line}</li>
              ))}
              {lines.length > 8 ? <li>and {lines.length - 8} more</li> : null}
            </ul>
            <form method="post" action="/admin/settings/restore" class="inline">
              <CsrfField token={csrfToken} />
              <input type="hidden" name="section" value={change.section} />
              <input type="hidden" name="change" value={String(change.revision)} />
              <input type="hidden" name="revision" value={String(revisions[change.section] ?? 0)} />
              <button type="submit" name="version" value="after" class="button">
                Restore this version
              </button>{' '}
              <button type="submit" name="version" value="before" class="button">
                Restore the version before it
              </button>
            </form>
          </li>
        )
      })}
    </ol>
  </section>
)
