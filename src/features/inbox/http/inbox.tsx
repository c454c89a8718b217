import { zValidator } from '@hono/zod-validator'
import { type Context, Hono } from 'hono'
import * as z from 'zod/mini'
import { Refusal } from '../../../platform/refusal'
import { zonedDate } from '../../../platform/time-zone'
import type { AdminEnv } from '../../admin-access'
import { blankAsMissing, countOutcomes, requestKinds, requestStatuses } from '../../bookings'
import { currentSettings, withPractice } from '../../settings'
import { streamRequestsCsv } from '../request-export'
import { type InboxFilter, inboxPageSize, listRequests } from '../store/inbox'
import { loadInboxSearch, saveInboxSearch } from '../store/inbox-searches'
import { InboxPage } from '../views/InboxPage'

const searchSchema = z.object({
  kind: blankAsMissing(z.optional(z.enum(requestKinds, 'Choose a kind from the list.'))),
  status: blankAsMissing(z.optional(z.enum(requestStatuses, 'Choose a status from the list.'))),
  q: blankAsMissing(z.optional(z.string().check(z.trim(), z.maxLength(100, 'Search for at most 100 characters.')))),
})

/**
 * Addresses carry only a saved search's id and a page. Anything else (such as
 * an old bookmark with the search text in it) is refused rather than ignored,
 * so a list is never shown under a filter it did not apply.
 */
const listSchema = z.strictObject({
  filter: blankAsMissing(z.optional(z.string())),
  page: blankAsMissing(z.optional(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(10_000)))),
})

const exportSchema = z.strictObject({ filter: blankAsMissing(z.optional(z.string())) })

const unknownAddress = new Refusal(
  400,
  'Unknown address',
  'That inbox address is not one the inbox knows. Open the inbox and use the form to filter or search.',
)

const validSearch = zValidator('form', searchSchema, (result) => {
  if (!result.success)
    throw new Refusal(
      400,
      'Unknown filter',
      `${result.error.issues[0]?.message ?? 'That filter is not one the inbox knows.'} Go back to the inbox and choose again.`,
    )
})
const validList = zValidator('query', listSchema, (result) => {
  if (!result.success) throw unknownAddress
})
const validExport = zValidator('query', exportSchema, (result) => {
  if (!result.success) throw unknownAddress
})

/** The saved filter an address names (none: everything), or undefined when it has expired. */
const filterNamed = async (c: Context<AdminEnv>, id: string | undefined, now: Date): Promise<InboxFilter | undefined> =>
  id === undefined ? {} : loadInboxSearch(c.var.db, id, now)

const expiredSearch = (c: Context<AdminEnv>) => c.html(withPractice(currentSettings(), <InboxPage filter={{}} csrfToken={c.get('csrfToken')} />), 404)

/** The inbox's list, search and export; `clock` is its notion of now (saved searches, this month's counts), fixed in tests. */
export const createInboxRoutes = ({ clock = () => new Date() }: { clock?: () => Date } = {}) =>
  new Hono<AdminEnv>()
    .get('/', validList, async (c) => {
      const { filter: filterId, page = 1 } = c.req.valid('query')
      const now = clock()
      const filter = await filterNamed(c, filterId, now)
      if (!filter) return expiredSearch(c)
      const db = c.var.db
      const [{ rows, total }, outcomes] = await Promise.all([listRequests(db, filter, page), countOutcomes(db, { now, timeZone: currentSettings().timeZone })])
      return c.html(
        withPractice(
          currentSettings(),
          <InboxPage filter={filter} listing={{ rows, total, page, pageSize: inboxPageSize, filterId }} outcomes={outcomes} csrfToken={c.get('csrfToken')} />,
        ),
      )
    })
    .post('/search', validSearch, async (c) => {
      const { kind, status, q } = c.req.valid('form')
      if (!kind && !status && !q) return c.redirect('/admin', 303)
      const filterId = await saveInboxSearch(c.var.db, { kind, status, search: q }, clock())
      return c.redirect(`/admin?filter=${filterId}`, 303)
    })
    .get('/export.csv', validExport, async (c) => {
      const now = clock()
      const filter = await filterNamed(c, c.req.valid('query').filter, now)
      if (!filter) return expiredSearch(c)
      const filename = `requests-${zonedDate(now, currentSettings().timeZone)}.csv`
      return c.body(streamRequestsCsv(c.var.db, filter), 200, {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="${filename}"`,
      })
    })

export const inboxRoutes = createInboxRoutes()
