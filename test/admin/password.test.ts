import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { exampleAdminPasswordHash, hashPassword, pbkdf2Iterations, verifyPassword } from '../../src/admin/password'

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

  it.each(['', 'plain', 'pbkdf2-sha256:1000000:AAAA:AAAA', 'md5:1:AAAA:AAAA', 'pbkdf2-sha256:100000:%%%%:AAAA', 'pbkdf2-sha256:100000:AAAA:@@'])('never match a malformed stored hash %j', async (stored) => {
    expect(await verifyPassword('anything', stored)).toBe(false)
  })

  it('the example hash is the one in .dev.vars.example, of the documented local password', async () => {
    expect(env.TEST_EXAMPLE_DEV_VARS).toContain(`ADMIN_PASSWORD_HASH=${exampleAdminPasswordHash}\n`)
    expect(await verifyPassword('clinic-dev-password', exampleAdminPasswordHash)).toBe(true)
  })
})
