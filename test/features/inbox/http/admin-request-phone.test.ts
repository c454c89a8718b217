import { eq } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { requests } from '../../../../src/features/bookings/store/schema'
import { type AdminSession, adminGet, signIn } from '../../../helpers/admin'
import { contactFields, db, post, referenceFrom } from '../../../helpers/forms'

let session: AdminSession

beforeAll(async () => {
  session = await signIn()
})

async function storeContact(phone: string) {
  const reference = referenceFrom(await post('/contact', await contactFields({ phone })))
  const [row] = await db().select().from(requests).where(eq(requests.reference, reference))
  return row!
}

const phoneLine = async (id: string) => /<dt>Phone<\/dt><dd>(.*?)<\/dd>/.exec(await (await adminGet(session, `/admin/requests/${id}`)).text())?.[1]

describe('the request page shows the patient’s phone as the clinic dials it', () => {
  it('a number in the clinic’s country in its national format, dialled in E.164', async () => {
    const row = await storeContact('503.555.0142')
    expect(row.phone).toBe('+15035550142')
    expect(await phoneLine(row.id)).toBe('<a href="tel:+15035550142">(503) 555-0142</a>')
  })

  it('a number from another country in the international format', async () => {
    const row = await storeContact('+44 20 7946 0958')
    expect(await phoneLine(row.id)).toBe('<a href="tel:+442079460958">+44 20 7946 0958</a>')
  })

  it('an extension with the number, and in the tel: address', async () => {
    const row = await storeContact('(503) 555-0142 x 12')
    expect(await phoneLine(row.id)).toBe('<a href="tel:+15035550142;ext=12">(503) 555-0142 ext. 12</a>')
  })

  it('a number stored before numbers were kept in E.164 as it was stored', async () => {
    const row = await storeContact('503 555 0142')
    await db().update(requests).set({ phone: '555-010-0142' }).where(eq(requests.id, row.id))
    expect(await phoneLine(row.id)).toBe('<a href="tel:5550100142">555-010-0142</a>')
  })
})
