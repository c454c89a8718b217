import { type SettingsSection, settingsSections } from '../domain/vocabulary'
import { sectionTitles } from './SectionForm'

/** Links to the overview and to each section's own page: one form a page, so leaving one never drops another's edits. */
export const SettingsNav = ({ current }: { current: SettingsSection | 'overview' }) => (
  <nav aria-label="Settings sections" class="settings-nav">
    <ul>
      <li>
        <a href="/admin/settings" aria-current={current === 'overview' ? 'page' : undefined}>
          Overview and history
        </a>
      </li>
      {settingsSections.map((section) => (
        <li>
          <a href={`/admin/settings/${section}`} aria-current={current === section ? 'page' : undefined}>
            {sectionTitles[section]}
          </a>
        </li>
      ))}
    </ul>
  </nav>
)
