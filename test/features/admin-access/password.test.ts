import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import {
  checkNewPassword,
  exampleAdminPasswordHash,
  hashPassword,
  isPublishedPasswordHash,
  pbkdf2Iterations,
  publishedAdminPassword,
  verifyPassword,
} from '../../../src/features/admin-access/password'

describe('password hashes', () => {
  it('verify the right password and refuse a wrong one', async () => {
    const hash = await hashPassword('a long enough password')
    expect(hash).toMatch(new RegExp(`^pbkdf2-sha256:${pbkdf2Iterations}:[A-Za-z0-9+/=]{24}:[A-Za-z0-9+/=]{44}$`))
    expect(await verifyPassword('a long enough password', hash)).toBe(true)
    expect(await verifyPassword('a long enough passworD', hash)).toBe(false)
  })

  it('salt each hash, so equal passwords do not share a hash', async () => {
    expect(await hashPassword('same password')).not.toBe(await hashPassword('same password'))
  })

  it.each(['', 'plain', 'pbkdf2-sha256:1000000:AAAA:AAAA', 'md5:1:AAAA:AAAA', 'pbkdf2-sha256:100000:%%%%:AAAA', 'pbkdf2-sha256:100000:AAAA:@@'])(
    'never match a malformed stored hash %j',
    async (stored) => {
      expect(await verifyPassword('anything', stored)).toBe(false)
    },
  )

  it('the example hash is the one in .dev.vars.example, of the documented local password', async () => {
    expect(publishedAdminPassword).toBe('clinic-dev-password')
    expect(env.TEST_EXAMPLE_DEV_VARS).toContain(`ADMIN_PASSWORD_HASH=${exampleAdminPasswordHash}\n`)
    expect(await verifyPassword(publishedAdminPassword, exampleAdminPasswordHash)).toBe(true)
  })
})

describe('a new inbox password (the check npm run admin:hash makes)', () => {
  it('refuses the published local password, saying why', () => {
    expect(checkNewPassword('clinic-dev-password')).toBe(
      "clinic-dev-password is published with the site's code, so anyone could sign in with it. Choose another password.",
    )
  })

  it('refuses a password shorter than 12 characters', () => {
    expect(checkNewPassword('short-pass1')).toBe('Choose a password of at least 12 characters.')
  })

  it('accepts any other password of 12 characters or more', () => {
    expect(checkNewPassword('clinic-dev-password2')).toBeNull()
    expect(checkNewPassword('twelve chars')).toBeNull()
  })
})

describe('recognising a hash of the published password', () => {
  it('knows the example hash and a fresh hash of the published password', async () => {
    expect(await isPublishedPasswordHash(exampleAdminPasswordHash)).toBe(true)
    expect(await isPublishedPasswordHash(await hashPassword('clinic-dev-password'))).toBe(true)
  })

  it('does not mistake the hash of another password, even after checking a published one', async () => {
    expect(await isPublishedPasswordHash(await hashPassword('clinic-dev-password'))).toBe(true)
    expect(await isPublishedPasswordHash(await hashPassword('clinic-dev-passwordX'))).toBe(false)
    expect(await isPublishedPasswordHash('')).toBe(false)
  })
})
