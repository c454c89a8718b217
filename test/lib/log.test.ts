import { env } from 'cloudflare:workers'
import { DrizzleQueryError } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { createDb } from '../../src/db/client'
import { countRequestsFrom } from '../../src/db/erasure'
import { describeError } from '../../src/lib/log'
import { wrapBinding } from '../helpers/bindings'

describe('describeError', () => {
  it('gives the error and its causes in one line', () => {
    expect(describeError(new TypeError('send failed', { cause: new Error('timeout', { cause: 'socket closed' }) }))).toBe(
      'TypeError: send failed | Error: timeout | socket closed',
    )
  })

  it('names a failed query without its SQL or values, and keeps what D1 said', () => {
    const error = new DrizzleQueryError('select count(*) from "requests" where "email" = ?', ['robin@example.org'], new Error('D1_ERROR: Network connection lost.'))
    expect(describeError(error)).toBe('DrizzleQueryError: query failed | Error: D1_ERROR: Network connection lost.')
  })

  it('leaves a patient’s email out when a real statement fails in D1', async () => {
    // Pointing the statement at a missing table makes D1 itself refuse it, after Drizzle has bound the email.
    const DB = wrapBinding(env.DB, { prepare: (query: string) => env.DB.prepare(query.replace('from "requests"', 'from "missing_requests"')) })
    const email = 'erase.me@example.org'
    const error = await countRequestsFrom(createDb(DB), email).catch((reason: unknown) => reason)
    expect((error as Error).message).toContain(`params: ${email}`)
    const described = describeError(error)
    expect(described).not.toContain(email)
    expect(described).not.toContain('params')
    expect(described).toMatch(/^DrizzleQueryError: query failed \| Error: D1_ERROR: no such table: missing_requests/)
  })
})
