import { describe, expect, it } from 'vitest'
import { endAllSessions, endSession, isSessionActive, sessionLifetimeMs, startSession } from '../../../../src/features/admin-access/store/sessions'
import { db } from '../../../helpers/forms'

const credential = 'a'.repeat(32)

describe('inbox sessions', () => {
  it('last exactly 8 hours from the sign-in', async () => {
    const start = new Date(Date.UTC(2027, 2, 1, 9, 0, 0))
    const token = await startSession(db(), start, credential)
    expect(sessionLifetimeMs).toBe(8 * 60 * 60 * 1000)
    expect(await isSessionActive(db(), token, new Date(start.getTime() + sessionLifetimeMs - 1), credential)).toBe(true)
    expect(await isSessionActive(db(), token, new Date(start.getTime() + sessionLifetimeMs), credential)).toBe(false)
  })

  it('count only under the credential they started with', async () => {
    const now = new Date(Date.UTC(2027, 2, 2, 9, 0, 0))
    const token = await startSession(db(), now, credential)
    expect(await isSessionActive(db(), token, now, credential)).toBe(true)
    expect(await isSessionActive(db(), token, now, 'b'.repeat(32))).toBe(false)
  })

  it('end one at a time, or all at once', async () => {
    const now = new Date(Date.UTC(2027, 2, 3, 9, 0, 0))
    const [first, second, third] = [
      await startSession(db(), now, credential),
      await startSession(db(), now, credential),
      await startSession(db(), now, credential),
    ]
    await endSession(db(), first)
    expect(await isSessionActive(db(), first, now, credential)).toBe(false)
    expect(await isSessionActive(db(), second, now, credential)).toBe(true)
    await endAllSessions(db())
    expect(await isSessionActive(db(), second, now, credential)).toBe(false)
    expect(await isSessionActive(db(), third, now, credential)).toBe(false)
  })
})
