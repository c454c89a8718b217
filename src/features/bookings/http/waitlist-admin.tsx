import { type Context, Hono } from 'hono'
import type { AdminEnv } from '../../admin-access'
import { enqueue } from '../../notifications'
import { currentSettings, type Settings, withPractice } from '../../settings'
import { isQuiet, quietEnd } from '../domain/quiet-hours'
import { firstDateAhead } from '../domain/waitlist-schema'
import { describeStart } from '../domain/waitlist-words'
import { loadFreeStarts } from '../store/free-times'
import type { WaitlistEntryRow } from '../store/schema'
import { listEntryOffers, listWaitingEntries } from '../store/waitlist'
import { offerByHand } from '../store/waitlist-offers'
import { AdminWaitlistPage, type AdminWaitlistProps } from '../views/waitlist/AdminWaitlistPage'

type AdminContext = Context<AdminEnv>

/** Free times listed per entry to offer by hand: the earliest, enough to choose from. */
const startsListed = 60

/** The entry's treatment's free starts over its dates still ahead, or none when the treatment is no longer offered. */
async function freeStartsOf(c: AdminContext, entry: WaitlistEntryRow, settings: Settings, now: Date): Promise<number[]> {
  const service = settings.allServices.find((candidate) => candidate.id === entry.serviceId && candidate.visible)
  const from = firstDateAhead(entry.fromDate, now, settings)
  if (!service || from > entry.toDate) return []
  return loadFreeStarts(c.var.db, { settings, durationMinutes: service.durationMinutes, from, to: entry.toDate, now })
}

const flashes = {
  offered: 'The offer is on its way.',
  queued: 'It is the quiet hours now: the offer goes when they end.',
  already: 'That time was offered to them before.',
} as const

/**
 * /admin/waitlist: the entries waiting, with the offers they were sent, and
 * an offer by hand (POST, CSRF as every inbox form): at once, no settling,
 * and after the quiet hours when made inside them. `clock` is fixed in tests.
 */
export function createWaitlistAdminRoutes({ clock = () => new Date() }: { clock?: () => Date } = {}) {
  async function render(c: AdminContext, now: Date, message: AdminWaitlistProps['message'], status: 200 | 409) {
    const settings = currentSettings()
    const entries = await Promise.all(
      (await listWaitingEntries(c.var.db, now)).map(async (entry) => {
        const [offers, free] = await Promise.all([listEntryOffers(c.var.db, entry.id), freeStartsOf(c, entry, settings, now)])
        return {
          entry,
          offersSent: offers.filter((offer) => offer.sentAt).length,
          freeStarts: free.slice(0, startsListed).map((start) => new Date(start)),
        }
      }),
    )
    return c.html(withPractice(settings, <AdminWaitlistPage entries={entries} csrfToken={c.get('csrfToken')} clock={settings} message={message} />), status)
  }

  return new Hono<AdminEnv>()
    .get('/', (c) => {
      const flash = c.req.query('done')
      const message = flash !== undefined && Object.hasOwn(flashes, flash) ? { text: flashes[flash as keyof typeof flashes], kind: 'done' as const } : undefined
      return render(c, clock(), message, 200)
    })
    .post('/:id/offer', async (c) => {
      const now = clock()
      const settings = currentSettings()
      const form = await c.req.parseBody()
      const start = Number(form.start)
      const entry = (await listWaitingEntries(c.var.db, now)).find((candidate) => candidate.id === c.req.param('id'))
      const free = entry ? await freeStartsOf(c, entry, settings, now) : []
      const service = settings.allServices.find((candidate) => candidate.id === entry?.serviceId)
      if (!entry || !service || !Number.isInteger(start) || !free.includes(start)) {
        const when = Number.isInteger(start) && start > 0 ? `${describeStart(new Date(start), settings)} is` : 'That time is'
        return render(c, now, { text: `${when} no longer free, or that person is no longer waiting. Choose another time.`, kind: 'refused' }, 409)
      }
      const quiet = settings.policy.quietHours
      const sendAfter = quiet && isQuiet(now, quiet, settings.timeZone) ? quietEnd(now, quiet, settings.timeZone) : null
      const outcome = await offerByHand(c.var.db, {
        entryId: entry.id,
        start: new Date(start),
        end: new Date(start + service.durationMinutes * 60_000),
        now,
        sendAfter,
      })
      if (typeof outcome === 'object') await enqueue(c.env.NOTIFY_QUEUE, [outcome.sent])
      return c.redirect(`/admin/waitlist?done=${typeof outcome === 'object' ? 'offered' : outcome}`, 303)
    })
}

export const waitlistAdminRoutes = createWaitlistAdminRoutes()
