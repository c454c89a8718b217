import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { signIn } from '../helpers/admin'
import { wrapBinding } from '../helpers/bindings'
import { requestWith } from '../helpers/http'

/** The real D1 binding, recording where each session it opens starts. */
function recordingDatabase() {
  const starts: (string | undefined)[] = []
  const DB = wrapBinding(env.DB, {
    withSession: (start) => {
      starts.push(start)
      return env.DB.withSession(start)
    },
  })
  return { starts, DB }
}

const bookmarkOf = (response: Response) =>
  /(?:^|, )d1-bookmark=([^;]+); Path=\/admin; HttpOnly; Secure; SameSite=Lax/.exec(response.headers.get('Set-Cookie') ?? '')?.[1]

describe('D1 sessions', () => {
  it('carries the inbox’s bookmark from one request to the next, starting writes on the primary', async () => {
    const session = await signIn()
    const first = recordingDatabase()
    const inbox = await requestWith({ DB: first.DB }, '/admin', { headers: { Cookie: session.cookie } })
    expect(inbox.status).toBe(200)
    // No bookmark yet: the inbox reads from the primary.
    expect(first.starts).toContain('first-primary')
    const bookmark = bookmarkOf(inbox)
    expect(bookmark).toMatch(/^[0-9a-f-]+$/i)

    const next = recordingDatabase()
    const again = await requestWith({ DB: next.DB }, '/admin', { headers: { Cookie: `${session.cookie}; d1-bookmark=${bookmark}` } })
    expect(again.status).toBe(200)
    expect(next.starts).toContain(bookmark)
    expect(bookmarkOf(again)).toMatch(/^[0-9a-f-]+$/i)
    // One cookie, the inbox's own: a second, older one would win in the browser.
    expect(again.headers.getSetCookie().filter((cookie) => cookie.startsWith('d1-bookmark='))).toHaveLength(1)

    const write = recordingDatabase()
    await requestWith({ DB: write.DB }, '/admin/logout', { method: 'POST', headers: { Cookie: `${session.cookie}; d1-bookmark=${bookmark}` } })
    expect(write.starts).toContain('first-primary')
    expect(write.starts).not.toContain(bookmark)
  })

  it('ignores a cookie that is not a bookmark', async () => {
    const session = await signIn()
    const reads = recordingDatabase()
    await requestWith({ DB: reads.DB }, '/admin', { headers: { Cookie: `${session.cookie}; d1-bookmark=x%27%3B%20drop` } })
    expect(reads.starts).not.toContain("x'; drop")
    expect(reads.starts).toContain('first-primary')
  })

  it('reads a public page through a session and never leaves a bookmark cookie on it', async () => {
    const reads = recordingDatabase()
    const page = await requestWith({ DB: reads.DB }, `/articles/no-such-article-${crypto.randomUUID().slice(0, 8)}`)
    expect(page.status).toBe(404)
    expect(reads.starts.length).toBeGreaterThan(0)
    expect(reads.starts).not.toContain('first-primary')
    expect(page.headers.get('Set-Cookie')).toBeNull()
  })
})
