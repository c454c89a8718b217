import { describe, expect, it } from 'vitest'
import { mayCancelOnline } from '../../../../src/features/bookings/domain/cancellation'
import { pageClosesAt } from '../../../../src/features/bookings/domain/page-expiry'

const start = new Date('2027-03-16T17:30:00Z')
const hoursBefore = (hours: number) => new Date(start.getTime() - hours * 3_600_000)
const policy = { cancelNoticeHours: 24 }

describe('cancelling from the patient’s page', () => {
  it('is allowed up to the notice before the start, exactly the notice included', () => {
    expect(mayCancelOnline({ start, now: hoursBefore(72), policy })).toBe(true)
    expect(mayCancelOnline({ start, now: hoursBefore(24), policy })).toBe(true)
  })

  it('is refused inside the notice and after the start', () => {
    expect(mayCancelOnline({ start, now: new Date(hoursBefore(24).getTime() + 1), policy })).toBe(false)
    expect(mayCancelOnline({ start, now: hoursBefore(2), policy })).toBe(false)
    expect(mayCancelOnline({ start, now: hoursBefore(-1), policy })).toBe(false)
  })

  it('follows the policy’s notice, and is always allowed before a time is confirmed', () => {
    expect(mayCancelOnline({ start, now: hoursBefore(30), policy: { cancelNoticeHours: 48 } })).toBe(false)
    expect(mayCancelOnline({ start, now: hoursBefore(1), policy: { cancelNoticeHours: 0 } })).toBe(true)
    expect(mayCancelOnline({ start: null, now: hoursBefore(1), policy })).toBe(true)
  })
})

describe('how long the patient’s page opens', () => {
  const requestedAt = new Date('2027-03-01T18:00:00Z')
  const day = 86_400_000

  it('closes 14 days after the confirmed end, whatever was proposed', () => {
    const confirmedEnd = new Date('2027-03-16T18:30:00Z')
    const closes = pageClosesAt({ requestedAt, confirmedEnd, proposalEnds: [new Date('2027-04-20T18:00:00Z')] })
    expect(closes).toEqual(new Date(confirmedEnd.getTime() + 14 * day))
  })

  it('without a confirmed time, closes 14 days after the last proposed time, or 74 days after the request', () => {
    const proposalEnds = [new Date('2027-03-10T18:00:00Z'), new Date('2027-03-12T18:00:00Z')]
    expect(pageClosesAt({ requestedAt, confirmedEnd: null, proposalEnds })).toEqual(new Date(proposalEnds[1]!.getTime() + 14 * day))
    expect(pageClosesAt({ requestedAt, confirmedEnd: null, proposalEnds: [] })).toEqual(new Date(requestedAt.getTime() + 74 * day))
  })
})
