import { exportJWK, generateKeyPair, type JWK, SignJWT } from 'jose'
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { adminGet, signIn } from '../../helpers/admin'
import { origin, requestWith } from '../../helpers/http'

const teamDomain = 'clinic-test.cloudflareaccess.com'
const audience = 'aud-tag-0123456789'
const withAccess = { ACCESS_TEAM_DOMAIN: teamDomain, ACCESS_AUD: audience }

let trusted: CryptoKey
let untrusted: CryptoKey
let jwks: { keys: JWK[] }

beforeAll(async () => {
  const published = await generateKeyPair('RS256', { extractable: true })
  const other = await generateKeyPair('RS256', { extractable: true })
  trusted = published.privateKey
  untrusted = other.privateKey
  jwks = { keys: [{ ...(await exportJWK(published.publicKey)), kid: 'key-1', alg: 'RS256', use: 'sig' }] }
})

afterEach(() => vi.restoreAllMocks())

/** Serves the team's key set at Cloudflare Access's certs URL, the one outside service involved. */
function publishKeys() {
  const realFetch = globalThis.fetch
  return vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
    const url = input instanceof Request ? input.url : String(input)
    if (url === `https://${teamDomain}/cdn-cgi/access/certs`) return Response.json(jwks)
    return realFetch(input, init)
  })
}

function token(options: { key?: CryptoKey; audience?: string; issuer?: string; expiresIn?: string | number } = {}) {
  return new SignJWT({ email: 'practitioner@clinic.example.com' })
    .setProtectedHeader({ alg: 'RS256', kid: 'key-1' })
    .setIssuer(options.issuer ?? `https://${teamDomain}`)
    .setAudience(options.audience ?? audience)
    .setSubject('user-1')
    .setIssuedAt()
    .setExpirationTime(options.expiresIn ?? '10m')
    .sign(options.key ?? trusted)
}

const inboxWith = (jwt?: string) => requestWith(withAccess, '/admin', { headers: jwt ? { 'Cf-Access-Jwt-Assertion': jwt } : {}, redirect: 'manual' })

describe('Cloudflare Access in front of the inbox', () => {
  it('lets a valid token in', async () => {
    publishKeys()
    const response = await inboxWith(await token())
    expect(response.status).toBe(200)
    expect(await response.text()).toContain('<h1>Requests</h1>')
  })

  it.each([
    ['expired', () => token({ expiresIn: Math.floor(Date.now() / 1000) - 60 })],
    ['for another application (audience)', () => token({ audience: 'someone-else' })],
    ['from another team (issuer)', () => token({ issuer: 'https://evil.cloudflareaccess.com' })],
    ['signed with a key the team never published', () => token({ key: untrusted })],
    ['not a JWT at all', async () => 'not-a-jwt'],
  ])('refuses a token that is %s with 403 and no data', async (_case, make) => {
    publishKeys()
    const response = await inboxWith(await make())
    expect(response.status).toBe(403)
    expect(await response.text()).not.toContain('<h1>Requests</h1>')
  })

  it('refuses a request with no token at all', async () => {
    publishKeys()
    expect((await inboxWith()).status).toBe(403)
  })

  it('signing out everywhere explains that Access holds the sign-ins, and ends no session', async () => {
    publishKeys()
    const jwt = await token()
    const csrf = /action="\/admin\/logout\/everywhere" class="inline"><input type="hidden" name="csrf" value="([0-9a-f]{64})"/.exec(
      await (await inboxWith(jwt)).text(),
    )?.[1]
    expect(csrf).toBeDefined()
    const passwordSession = await signIn()
    const response = await requestWith(withAccess, '/admin/logout/everywhere', {
      method: 'POST',
      redirect: 'manual',
      headers: { 'Cf-Access-Jwt-Assertion': jwt, Origin: origin, 'Sec-Fetch-Site': 'same-origin', 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ csrf: csrf! }).toString(),
    })
    expect(response.status).toBe(200)
    const html = await response.text()
    expect(html).toContain('This inbox is behind Cloudflare Access')
    expect(html).toContain('Revoke session')
    expect((await adminGet(passwordSession, '/admin')).status).toBe(200)
  })

  it('does not offer the password form when Access is on', async () => {
    const response = await requestWith(withAccess, '/admin/login', { redirect: 'manual' })
    expect(response.status).toBe(303)
    expect(response.headers.get('Location')).toBe('/admin')
  })
})
