import { env } from 'cloudflare:workers'
import { DrizzleQueryError } from 'drizzle-orm'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { countPatientData } from '../../src/features/inbox/store/erasure'
import { createDb } from '../../src/platform/database'
import { describeError, logEvent } from '../../src/platform/log'
import { wrapBinding } from '../helpers/bindings'

afterEach(() => {
  vi.restoreAllMocks()
})

describe('describeError', () => {
  it('gives the error and its causes in one line', () => {
    expect(describeError(new TypeError('send failed', { cause: new Error('timeout', { cause: 'socket closed' }) }))).toBe(
      'TypeError: send failed | Error: timeout | socket closed',
    )
  })

  it('names a failed query without its SQL or values, and keeps what D1 said', () => {
    const error = new DrizzleQueryError(
      'select count(*) from "requests" where "email" = ?',
      ['robin@example.org'],
      new Error('D1_ERROR: Network connection lost.'),
    )
    expect(describeError(error)).toBe('DrizzleQueryError: query failed | Error: D1_ERROR: Network connection lost.')
  })

  it('leaves a patient’s email out when a real statement fails in D1', async () => {
    // Pointing the statement at a missing table makes D1 itself refuse it, after Drizzle has bound the email.
    const DB = wrapBinding(env.DB, { prepare: (query: string) => env.DB.prepare(query.replace('from "requests"', 'from "missing_requests"')) })
    const email = 'erase.me@example.org'
    const error = await countPatientData(createDb(DB), email).catch((reason: unknown) => reason)
    expect((error as Error).message).toContain(`params: ${email}`)
    const described = describeError(error)
    expect(described).not.toContain(email)
    expect(described).not.toContain('params')
    expect(described).toMatch(/^DrizzleQueryError: query failed \| Error: D1_ERROR: no such table: missing_requests/)
  })
})

describe('email addresses in errors', () => {
  it('describeError removes every address, in the message and its causes, also percent-encoded', () => {
    const error = new Error('550 5.1.1 <Robin.Patient+clinic@Example.org>: recipient refused', {
      cause: new Error('POST https://mail.example.net/v1/send?to=robin%40example.org failed', { cause: 'bounce from postmaster@example.org' }),
    })
    expect(describeError(error)).toBe(
      'Error: 550 5.1.1 <[email]>: recipient refused | Error: POST https://mail.example.net/v1/send?to=[email] failed | bounce from [email]',
    )
  })

  it('logEvent removes addresses from every string it writes, however the error text was made', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    logEvent('warn', 'delivery_problem', {
      notificationId: 'n-1',
      error: String(new Error('mailbox robin@example.org is full')),
      failures: ['refused jamie@example.org', { detail: 'quota for sam@example.org' }],
      count: 2,
    })
    expect(warn).toHaveBeenCalledTimes(1)
    const line = String(warn.mock.calls[0]![0])
    expect(line).not.toMatch(/@example\.org/)
    expect(JSON.parse(line)).toEqual({
      event: 'delivery_problem',
      notificationId: 'n-1',
      error: 'Error: mailbox [email] is full',
      failures: ['refused [email]', { detail: 'quota for [email]' }],
      count: 2,
    })
  })
})
