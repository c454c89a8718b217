import { beforeAll, describe, expect, it } from 'vitest'
import { defaultPractice as practice } from '../../../../src/config'
import { zonedInstant } from '../../../../src/platform/time-zone'
import { type AdminSession, adminGet, signIn } from '../../../helpers/admin'
import { takeTimeAt } from '../../../helpers/direct-bookings'
import { searchInbox } from '../../../helpers/inbox-search'
import { storeAt } from '../../../helpers/notify'

/*
 * Bookings taken on days of 2048 no other file books; each test finds its own
 * rows in the inbox by a surname of its own.
 */
let session: AdminSession

beforeAll(async () => {
  session = await signIn()
})

const at = (date: string, time: string) => zonedInstant(date, time, practice.timeZone)
const surname = () => `Zq${crypto.randomUUID().slice(0, 8)}`

/** The list row (its <tr>) that names `name`. */
const rowOf = (html: string, name: string) => new RegExp(`<tr>(?:(?!</tr>).)*>${name}</a>(?:(?!</tr>).)*</tr>`, 's').exec(html)?.[0] ?? ''

describe('the inbox marks bookings taken without a request', () => {
  it('marks a direct booking and a waitlist booking in the list, and a request not at all', async () => {
    const family = surname()
    const now = at('2048-08-01', '09:00')
    await takeTimeAt(now, at('2048-08-10', '09:00'), 'direct', `Dana ${family}`)
    await takeTimeAt(now, at('2048-08-10', '11:00'), 'waitlist', `Wren ${family}`)
    const html = await (await adminGet(session, await searchInbox(session, { q: family }))).text()
    expect(rowOf(html, `Dana ${family}`)).toContain('<td data-label="Kind">Booking <span class="badge booked-direct">Booked directly</span></td>')
    expect(rowOf(html, `Wren ${family}`)).toContain('<td data-label="Kind">Booking <span class="badge booked-waitlist">From the waitlist</span></td>')
    // A request carries no mark.
    const asked = await storeAt(now, { kind: 'booking', channels: [] })
    const listed = await (await adminGet(session, await searchInbox(session, { q: asked.reference }))).text()
    expect(listed).toContain('<td data-label="Kind">Booking </td>')
    expect(listed).not.toContain('class="badge booked-')
  })

  it('shows the same mark in the header of the booking’s page', async () => {
    const family = surname()
    const now = at('2048-08-02', '09:00')
    const direct = await takeTimeAt(now, at('2048-08-11', '09:00'), 'direct', `Dana ${family}`)
    const waitlist = await takeTimeAt(now, at('2048-08-11', '11:00'), 'waitlist', `Wren ${family}`)
    const asked = await storeAt(now, { kind: 'booking', channels: [] })
    const header = async (id: string) => /<h1>[\s\S]*?<\/h1>/.exec(await (await adminGet(session, `/admin/requests/${id}`)).text())?.[0]
    expect(await header(direct.id)).toBe(
      `<h1>Dana ${family} <span class="meta">(booking ${direct.reference})</span> <span class="badge booked-direct">Booked directly</span></h1>`,
    )
    expect(await header(waitlist.id)).toBe(
      `<h1>Wren ${family} <span class="meta">(booking ${waitlist.reference})</span> <span class="badge booked-waitlist">From the waitlist</span></h1>`,
    )
    expect(await header(asked.requestId)).toMatch(/^<h1>Sam Patient <span class="meta">\(booking request [A-Z0-9]+\)<\/span> <\/h1>$/)
  })
})
