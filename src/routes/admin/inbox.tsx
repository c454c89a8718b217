import { zValidator } from '@hono/zod-validator'
import { Hono } from 'hono'
import * as z from 'zod/mini'
import type { AdminVariables } from '../../admin/auth'
import { toCsv } from '../../admin/csv'
import { practice } from '../../config'
import { createDb } from '../../db/client'
import { exportRequests, listRequests, type InboxFilter } from '../../db/inbox'
import { requestKinds, requestStatuses } from '../../db/schema'
import { Refusal } from '../../lib/refusal'
import { blankAsMissing } from '../../requests/form-fields'
import { zonedDate } from '../../lib/time-zone'
import { InboxPage } from '../../views/pages/admin/InboxPage'

const filterSchema = z.object({
  kind: blankAsMissing(z.optional(z.enum(requestKinds))),
  status: blankAsMissing(z.optional(z.enum(requestStatuses))),
  q: blankAsMissing(z.optional(z.string().check(z.trim(), z.maxLength(100)))),
  page: blankAsMissing(z.optional(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(10_000)))),
})

const validFilter = zValidator('query', filterSchema, (result) => {
  if (!result.success) throw new Refusal(400, 'Unknown filter', 'That filter is not one the inbox knows. Go back to the inbox and choose again.')
})

const toFilter = (query: z.output<typeof filterSchema>): InboxFilter => ({ kind: query.kind, status: query.status, search: query.q })

export const inboxRoutes = new Hono<{ Bindings: Env; Variables: AdminVariables }>()
  .get('/', validFilter, async (c) => {
    const query = c.req.valid('query')
    const page = query.page ?? 1
    const { rows, total } = await listRequests(createDb(c.env.DB), toFilter(query), page)
    return c.html(<InboxPage rows={rows} total={total} page={page} filter={toFilter(query)} csrfToken={c.get('csrfToken')} />)
  })
  .get('/export.csv', validFilter, async (c) => {
    const rows = await exportRequests(createDb(c.env.DB), toFilter(c.req.valid('query')))
    const csv = toCsv(
      ['reference', 'received', 'kind', 'status', 'name', 'email', 'phone', 'reply_by', 'service', 'pain', 'patient', 'preferred_times', 'message', 'notes', 'confirmed_start', 'private_note'],
      rows.map((row) => [
        row.reference,
        row.createdAt.toISOString(),
        row.kind,
        row.status,
        row.name,
        row.email,
        row.phone,
        row.preferredContact,
        row.serviceId,
        row.painType,
        row.patientStatus,
        row.preferredTimes,
        row.message,
        row.notes,
        row.confirmedStart?.toISOString(),
        row.note,
      ]),
    )
    const filename = `requests-${zonedDate(new Date(), practice.timeZone)}.csv`
    return c.body(csv, 200, { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="${filename}"` })
  })
