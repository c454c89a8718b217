import { Hono } from 'hono'
import type { FieldErrors } from '../../../platform/form-body'
import type { AdminEnv } from '../../admin-access'
import type { SettingsSources } from '../affected-appointments'
import { validateSection } from '../checks'
import { currentSettings, loadSections } from '../current'
import { type FormValues, fieldOf, readSectionForm } from '../form-input'
import { withPractice } from '../practice-details'
import { settingsFrom } from '../sections'
import { findSettingsChange } from '../store/settings'
import { sectionTitles } from '../views/SectionForm'
import { SectionPage } from '../views/SectionPage'
import { SettingsPage } from '../views/SettingsPage'
import { isSection, readSectionPage, readSettingsPage } from './settings-page'
import { describeIssue, saveCheckedSection } from './settings-save'

const readForm = async (form: Promise<FormData>): Promise<FormValues> =>
  Object.fromEntries([...(await form).entries()].flatMap(([name, value]) => (typeof value === 'string' && name !== 'csrf' ? [[name, value]] : [])))

const readRevision = (value: string | undefined) => (value !== undefined && /^\d{1,9}$/.test(value) ? Number(value) : undefined)

const missingRevision = 'This form has no revision: reload the settings page and make the change again.'

type SettingsEnv = AdminEnv & { Variables: { sources: SettingsSources; clock: () => Date } }

/**
 * /admin/settings: the overview (the latest changes with restore, and the
 * appointments a change left outside the week) and one page per section, each
 * with its one form, so saving a section never drops edits typed in another.
 */
const settingsPages = new Hono<SettingsEnv>()
  .get('/', async (c) => {
    const saved = c.req.query('saved')
    const page = await readSettingsPage(c.var.db, c.env, c.var.clock(), c.var.sources)
    return c.html(
      withPractice(
        currentSettings(),
        <SettingsPage
          {...page}
          csrfToken={c.get('csrfToken')}
          notice={isSection(saved) ? `Restored a version of the ${sectionTitles[saved].toLowerCase()} section.` : undefined}
        />,
      ),
    )
  })
  .get('/:section', async (c) => {
    const section = c.req.param('section')
    if (!isSection(section)) return c.notFound()
    const page = await readSectionPage(c.var.db, c.env, section)
    const notice = c.req.query('saved') === '1' ? `Saved the ${sectionTitles[section].toLowerCase()} section.` : undefined
    return c.html(withPractice(currentSettings(), <SectionPage {...page} csrfToken={c.get('csrfToken')} notice={notice} />))
  })
  .post('/restore', async (c) => {
    const form = await readForm(c.req.formData())
    const revision = readRevision(form.revision)
    const change = isSection(form.section) ? await findSettingsChange(c.var.db, form.section, readRevision(form.change) ?? -1) : undefined
    if (!change || revision === undefined || (form.version !== 'before' && form.version !== 'after')) {
      const page = await readSettingsPage(c.var.db, c.env, c.var.clock(), c.var.sources)
      return c.html(
        withPractice(
          currentSettings(),
          <SettingsPage {...page} csrfToken={c.get('csrfToken')} restoreErrors={['That change is not in the history: reload the page and choose again.']} />,
        ),
        404,
      )
    }
    const saved = await saveCheckedSection(c.var.db, c.env, {
      section: change.section,
      candidate: change[form.version],
      revision,
      actor: c.get('admin'),
      now: c.var.clock(),
    })
    if (saved.outcome === 'saved') return c.redirect(`/admin/settings?saved=${change.section}`, 303)
    const page = await readSettingsPage(c.var.db, c.env, c.var.clock(), c.var.sources)
    if (saved.outcome === 'conflict')
      return c.html(withPractice(currentSettings(), <SettingsPage {...page} csrfToken={c.get('csrfToken')} conflict={change.section} />), 409)
    return c.html(
      withPractice(
        currentSettings(),
        <SettingsPage {...page} csrfToken={c.get('csrfToken')} restoreErrors={saved.issues.map((issue) => describeIssue(issue.message))} />,
      ),
      422,
    )
  })
  .post('/:section', async (c) => {
    const section = c.req.param('section')
    if (!isSection(section)) return c.notFound()
    const form = await readForm(c.req.formData())
    const revision = readRevision(form.revision)
    if (revision === undefined) return c.text(missingRevision, 400)
    const { values: stored } = await loadSections(c.var.db, c.env)
    const read = readSectionForm(section, form, stored)
    // Fields typed wrongly are not saved, but the rest of the form is still checked so every problem shows at once.
    const saved =
      Object.keys(read.errors).length > 0
        ? { outcome: 'refused' as const, issues: validateSection(section, read.candidate, stored, settingsFrom(stored), c.var.clock()).issues ?? [] }
        : await saveCheckedSection(c.var.db, c.env, { section, candidate: read.candidate, revision, actor: c.get('admin'), now: c.var.clock() })
    if (saved.outcome === 'saved') return c.redirect(`/admin/settings/${section}?saved=1`, 303)
    const page = await readSectionPage(c.var.db, c.env, section)
    if (saved.outcome === 'conflict') return c.html(withPractice(currentSettings(), <SectionPage {...page} csrfToken={c.get('csrfToken')} conflict />), 409)
    const errors: FieldErrors = { ...read.errors }
    for (const issue of saved.outcome === 'refused' ? saved.issues : []) {
      const field = fieldOf(section, issue.path, read.rows)
      if (!errors[field]) errors[field] = [describeIssue(issue.message)]
      else if (field === 'weekly' || field === 'form') errors[field].push(describeIssue(issue.message))
    }
    return c.html(withPractice(currentSettings(), <SectionPage {...page} form={{ values: form, errors, revision }} csrfToken={c.get('csrfToken')} />), 422)
  })

/**
 * The settings' routes, reading what the bookings feature knows through
 * `sources` (the appointments a change left outside the week, and why direct
 * booking fell back to requests); `clock` is their notion of now, fixed in tests.
 */
export const settingsRoutes = (sources: SettingsSources, { clock = () => new Date() }: { clock?: () => Date } = {}) =>
  new Hono<SettingsEnv>()
    .use(async function bookingSources(c, next) {
      c.set('sources', sources)
      c.set('clock', clock)
      await next()
    })
    .route('/', settingsPages)
