import { type Context, Hono } from 'hono'
import * as z from 'zod/mini'
import type { AdminEnv } from '../../admin-access'
import { currentSettings, withPractice } from '../../settings'
import { countPatientData, erasePatient } from '../store/erasure'
import { ErasePage } from '../views/ErasePage'

const emailSchema = z.pipe(z.string().check(z.trim(), z.toLowerCase()), z.email().check(z.maxLength(254)))

const readEmail = async (form: Promise<FormData>) => {
  const value = (await form).get('email')
  return { typed: typeof value === 'string' ? value : '', parsed: emailSchema.safeParse(value) }
}

/** The first step again, with what was typed and why it is not an address. */
const askAgain = (c: Context<AdminEnv>, typed: string) =>
  c.html(
    withPractice(
      currentSettings(),
      <ErasePage
        state={{ step: 'ask', email: typed, error: 'Enter the email address the patient used, like name@example.com' }}
        csrfToken={c.get('csrfToken')}
      />,
    ),
    422,
  )

export const eraseRoutes = new Hono<AdminEnv>()
  .get('/', (c) => c.html(withPractice(currentSettings(), <ErasePage state={{ step: 'ask' }} csrfToken={c.get('csrfToken')} />)))
  .post('/', async (c) => {
    const { typed, parsed } = await readEmail(c.req.formData())
    if (!parsed.success) return askAgain(c, typed)
    const counts = await countPatientData(c.var.db, parsed.data)
    return c.html(withPractice(currentSettings(), <ErasePage state={{ step: 'confirm', email: parsed.data, counts }} csrfToken={c.get('csrfToken')} />))
  })
  .post('/confirm', async (c) => {
    const { typed, parsed } = await readEmail(c.req.formData())
    if (!parsed.success) return askAgain(c, typed)
    const counts = await erasePatient(c.var.db, { email: parsed.data, now: new Date() })
    return c.html(withPractice(currentSettings(), <ErasePage state={{ step: 'done', counts }} csrfToken={c.get('csrfToken')} />))
  })
