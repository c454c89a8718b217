import { Hono } from 'hono'
import type { AdminVariables } from '../../admin/auth'
import { createDb } from '../../db/client'
import { findSettingsChange } from '../../db/settings'
import type { FieldErrors } from '../../requests/form-fields'
import { fieldOf, readSectionForm, type FormValues } from '../../settings/form-input'
import { validateSection } from '../../settings/checks'
import { loadSections } from '../../settings/current'
import { settingsFrom } from '../../settings/sections'
import { SettingsPage } from '../../views/pages/admin/settings/SettingsPage'
import { isSection, readSettingsPage } from './settings-page'
import { describeIssue, saveCheckedSection } from './settings-save'

type AdminEnv = { Bindings: Env; Variables: AdminVariables }

const readForm = async (form: Promise<FormData>): Promise<FormValues> =>
  Object.fromEntries([...(await form).entries()].flatMap(([name, value]) => (typeof value === 'string' && name !== 'csrf' ? [[name, value]] : [])))

const readRevision = (value: string | undefined) => (value !== undefined && /^\d{1,9}$/.test(value) ? Number(value) : undefined)

const missingRevision = 'This form has no revision: reload the settings page and make the change again.'

/** /admin/settings: one form per section, the latest changes with restore, and the appointments a change left outside the week. */
export const settingsRoutes = new Hono<AdminEnv>()
  .get('/', async (c) => {
    const saved = c.req.query('saved')
    const page = await readSettingsPage(c.env, new Date())
    return c.html(<SettingsPage {...page} csrfToken={c.get('csrfToken')} notice={isSection(saved) ? `Saved the ${saved} section.` : undefined} />)
  })
  .post('/restore', async (c) => {
    const form = await readForm(c.req.formData())
    const revision = readRevision(form.revision)
    const change = isSection(form.section) ? await findSettingsChange(createDb(c.env.DB), form.section, readRevision(form.change) ?? -1) : undefined
    if (!change || revision === undefined || (form.version !== 'before' && form.version !== 'after')) {
      const page = await readSettingsPage(c.env, new Date())
      return c.html(<SettingsPage {...page} csrfToken={c.get('csrfToken')} restoreErrors={['That change is not in the history: reload the page and choose again.']} />, 404)
    }
    const saved = await saveCheckedSection(c.env, { section: change.section, candidate: change[form.version], revision, actor: c.get('admin'), now: new Date() })
    if (saved.outcome === 'saved') return c.redirect(`/admin/settings?saved=${change.section}#history`, 303)
    const page = await readSettingsPage(c.env, new Date())
    if (saved.outcome === 'conflict') return c.html(<SettingsPage {...page} csrfToken={c.get('csrfToken')} conflict={change.section} />, 409)
    return c.html(<SettingsPage {...page} csrfToken={c.get('csrfToken')} restoreErrors={saved.issues.map((issue) => describeIssue(issue.message))} />, 422)
  })
  .post('/:section', async (c) => {
    const section = c.req.param('section')
    if (!isSection(section)) return c.notFound()
    const form = await readForm(c.req.formData())
    const revision = readRevision(form.revision)
    if (revision === undefined) return c.text(missingRevision, 400)
    const { values: stored } = await loadSections(createDb(c.env.DB), c.env)
    const read = readSectionForm(section, form, stored)
    // Fields typed wrongly are not saved, but the rest of the form is still checked so every problem shows at once.
    const saved =
      Object.keys(read.errors).length > 0
        ? { outcome: 'refused' as const, issues: validateSection(section, read.candidate, stored, settingsFrom(stored), new Date()).issues ?? [] }
        : await saveCheckedSection(c.env, { section, candidate: read.candidate, revision, actor: c.get('admin'), now: new Date() })
    if (saved.outcome === 'saved') return c.redirect(`/admin/settings?saved=${section}#${section}`, 303)
    const page = await readSettingsPage(c.env, new Date())
    if (saved.outcome === 'conflict') return c.html(<SettingsPage {...page} csrfToken={c.get('csrfToken')} conflict={section} />, 409)
    const errors: FieldErrors = { ...read.errors }
    for (const issue of saved.outcome === 'refused' ? saved.issues : []) {
      const field = fieldOf(section, issue.path, read.rows)
      if (!errors[field]) errors[field] = [describeIssue(issue.message)]
      else if (field === 'weekly' || field === 'form') errors[field].push(describeIssue(issue.message))
    }
    const forms = { ...page.forms, [section]: { values: form, errors, revision } }
    return c.html(<SettingsPage {...page} forms={forms} csrfToken={c.get('csrfToken')} />, 422)
  })
