import { describe, expect, it } from 'vitest'
import { refreshBusyCalendar } from '../../../../src/features/bookings/busy-calendar/read'
import { findBusyCalendarState, listBusyBlocks } from '../../../../src/features/bookings/store/busy-calendar'
import { db } from '../../../helpers/forms'
import { appleFeed, fastmailFeed, googleFeed } from './feeds'

/*
 * The calendar is one table: each test starts with a good read of its own
 * address, so none depends on what another left behind.
 */
const now = new Date('2026-10-12T00:00:00Z')
const later = new Date('2026-10-12T00:15:00Z')
const options = { horizonDays: 60, timeZone: 'America/Los_Angeles', clinicFeedUrlPrefix: 'https://clinic.example.com/calendar/' }
const everything = { from: new Date('2026-01-01T00:00:00Z'), until: new Date('2027-12-31T00:00:00Z') }

type Answer = (request: Request) => Response | Promise<Response>

/** A fetch that answers in the test, recording each request it was given. */
function fakeFetch(answer: Answer) {
  const requests: Request[] = []
  const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init)
    requests.push(request)
    return answer(request)
  }
  return { fetch: fetch as typeof globalThis.fetch, requests }
}

const calendarAnswer = (text: string) => () =>
  new Response(text, { headers: { 'content-type': 'text/calendar', etag: '"v1"', 'last-modified': 'Sun, 11 Oct 2026 20:00:00 GMT' } })

/** A good read of the Apple feed (five blocks) at `now`. */
async function readAppleFeed(url: string) {
  const outcome = await refreshBusyCalendar(db(), { ...options, url, now, fetch: fakeFetch(calendarAnswer(appleFeed)).fetch })
  expect(outcome).toEqual({ outcome: 'read', blocks: 5 })
}

const storedBlocks = async () => (await listBusyBlocks(db(), everything)).map(({ start }) => start.toISOString())

describe('refreshBusyCalendar', () => {
  it('stores only the start and end of each busy time, and when and what it read', async () => {
    await readAppleFeed('https://p52-caldav.icloud.com/published/2/stores-blocks')
    expect(await storedBlocks()).toEqual([
      '2026-10-15T16:00:00.000Z',
      '2026-10-29T16:00:00.000Z',
      '2026-11-05T17:00:00.000Z',
      '2026-11-13T22:00:00.000Z',
      '2026-11-19T17:00:00.000Z',
    ])
    expect(await findBusyCalendarState(db())).toMatchObject({ etag: '"v1"', lastGoodReadAt: now, lastAttemptAt: now, blocksCount: 5, lastError: null })
  })

  it('asks with the last validators and keeps the blocks on 304', async () => {
    const url = 'https://p52-caldav.icloud.com/published/2/not-modified'
    await readAppleFeed(url)
    const notModified = fakeFetch(() => new Response(null, { status: 304 }))
    expect(await refreshBusyCalendar(db(), { ...options, url, now: later, fetch: notModified.fetch })).toEqual({ outcome: 'unchanged' })
    expect(notModified.requests[0]!.headers.get('if-none-match')).toBe('"v1"')
    expect(notModified.requests[0]!.headers.get('if-modified-since')).toBe('Sun, 11 Oct 2026 20:00:00 GMT')
    expect(await storedBlocks()).toHaveLength(5)
    expect(await findBusyCalendarState(db())).toMatchObject({ lastGoodReadAt: later, blocksCount: 5, lastError: null })
  })

  it('reads a new address whole, without the old one’s validators, and replaces the blocks', async () => {
    await readAppleFeed('https://p52-caldav.icloud.com/published/2/old-address')
    const other = fakeFetch(calendarAnswer(fastmailFeed))
    const url = 'webcal://user.fm/calendar/new-address.ics'
    expect(await refreshBusyCalendar(db(), { ...options, url, now: later, fetch: other.fetch })).toEqual({ outcome: 'read', blocks: 3 })
    expect(other.requests[0]!.url).toBe('https://user.fm/calendar/new-address.ics')
    expect(other.requests[0]!.headers.has('if-none-match')).toBe(false)
    expect(await storedBlocks()).toEqual(['2026-11-04T18:00:00.000Z', '2026-11-06T08:00:00.000Z', '2026-11-11T08:00:00.000Z'])
  })

  it('refuses a calendar larger than 5 MB while reading it, and keeps the last good blocks', async () => {
    const url = 'https://p52-caldav.icloud.com/published/2/too-large'
    await readAppleFeed(url)
    let chunksSent = 0
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        chunksSent++
        controller.enqueue(new Uint8Array(1024 * 1024).fill(65))
      },
    })
    const huge = fakeFetch(() => new Response(endless))
    expect(await refreshBusyCalendar(db(), { ...options, url, now: later, fetch: huge.fetch })).toEqual({
      outcome: 'failed',
      error: 'The calendar is larger than 5 MB',
    })
    expect(chunksSent).toBeLessThanOrEqual(8)
    expect(await storedBlocks()).toHaveLength(5)
    expect(await findBusyCalendarState(db())).toMatchObject({ lastGoodReadAt: now, lastAttemptAt: later, lastError: 'The calendar is larger than 5 MB' })
  })

  it('gives up on a calendar that does not answer in time, and keeps the last good blocks', async () => {
    const url = 'https://p52-caldav.icloud.com/published/2/times-out'
    await readAppleFeed(url)
    // As a real fetch does: nothing comes back until the request's signal aborts it.
    const silent = fakeFetch((request) => new Promise((_, reject) => request.signal.addEventListener('abort', () => reject(request.signal.reason))))
    const error = 'The calendar did not answer within 0.1 seconds'
    expect(await refreshBusyCalendar(db(), { ...options, url, now: later, timeoutMs: 100, fetch: silent.fetch })).toEqual({ outcome: 'failed', error })
    expect(await storedBlocks()).toHaveLength(5)
    expect(await findBusyCalendarState(db())).toMatchObject({ lastGoodReadAt: now, lastError: error })
  })

  it('records what the address answered when it is not a calendar', async () => {
    const url = 'https://p52-caldav.icloud.com/published/2/gone'
    await readAppleFeed(url)
    const gone = fakeFetch(() => new Response('Not found', { status: 404 }))
    expect(await refreshBusyCalendar(db(), { ...options, url, now: later, fetch: gone.fetch })).toEqual({
      outcome: 'failed',
      error: 'The calendar address answered 404',
    })
    const page = fakeFetch(() => new Response('<!doctype html><title>Sign in</title>'))
    expect(await refreshBusyCalendar(db(), { ...options, url, now: later, fetch: page.fetch })).toEqual({
      outcome: 'failed',
      error: 'The calendar address did not give a calendar (.ics) file',
    })
    expect(await storedBlocks()).toHaveLength(5)
  })

  it('refuses plain http except on this machine, and never asks the network for it', async () => {
    const network = fakeFetch(calendarAnswer(fastmailFeed))
    expect(await refreshBusyCalendar(db(), { ...options, url: 'http://calendar.example.org/feed.ics', now, fetch: network.fetch })).toEqual({
      outcome: 'failed',
      error: 'The calendar address must start with https://',
    })
    expect(network.requests).toHaveLength(0)
    expect(await refreshBusyCalendar(db(), { ...options, url: 'http://localhost:8788/feed.ics', now, fetch: network.fetch })).toEqual({
      outcome: 'read',
      blocks: 3,
    })
  })

  it("never reads the clinic's own calendar back as busy", async () => {
    const network = fakeFetch(calendarAnswer(fastmailFeed))
    const outcome = await refreshBusyCalendar(db(), {
      ...options,
      url: 'https://clinic.example.com/calendar/0123456789abcdef0123456789abcdef.ics',
      now,
      fetch: network.fetch,
    })
    expect(outcome).toEqual({ outcome: 'failed', error: "This is the clinic's own calendar: paste the address of your personal calendar" })
    expect(network.requests).toHaveLength(0)
  })

  it("leaves out the clinic's own appointments that the practitioner's calendar holds as invitations", async () => {
    const google = fakeFetch(calendarAnswer(googleFeed))
    const url = 'https://calendar.google.com/calendar/ical/practitioner%40example.org/private-0123/basic.ics'
    await refreshBusyCalendar(db(), { ...options, url, now: new Date('2026-11-01T00:00:00Z'), fetch: google.fetch })
    expect(await storedBlocks()).toEqual(['2026-11-02T17:00:00.000Z', '2026-11-03T18:00:00.000Z', '2026-11-04T17:00:00.000Z'])
  })
})
