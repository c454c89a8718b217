import { describe, expect, it } from 'vitest'
import { defaultPractice as practice } from '../../../src/config'
import { listedOpenRequests } from '../../../src/features/bookings/store/digest'
import { zonedInstant } from '../../../src/platform/time-zone'
import { crons } from '../../../src/worker'
import { recordingEmail, runCron, storeAt } from '../../helpers/notify'

// A file of its own: its storage holds only these requests, so the count and the list are exact.
describe('the digest list of open requests', () => {
  it(`lists the ${listedOpenRequests} oldest and counts the rest`, async () => {
    const storedAt = zonedInstant('2022-05-02', '10:00', practice.timeZone)
    const references: string[] = []
    for (let index = 0; index < listedOpenRequests + 5; index++) references.push((await storeAt(new Date(storedAt.getTime() + index * 1000))).reference)

    const email = recordingEmail()
    await runCron(crons.hourly, zonedInstant('2022-05-05', '07:00', practice.timeZone), { EMAIL: email.binding })
    const { text, html } = email.sent[0]!
    expect(text).toContain(`Open requests older than two days: ${listedOpenRequests + 5}.`)
    const listed = [...text!.matchAll(/^- ([A-Z0-9]{8}), contact, received /gm)].map((match) => match[1])
    expect(listed).toEqual(references.slice(0, listedOpenRequests))
    expect(text).toContain('\n…and 5 more.\n')
    expect(html!.match(/<li[ >]/g)).toHaveLength(listedOpenRequests)
    expect(html).toMatch(/<p [^>]*>…and 5 more\.<\/p>/)
  })
})
