import type { JWTVerifyGetKey } from 'jose'
import { logEvent } from '../../platform/log'

export interface AccessSettings {
  /** e.g. "clinic.cloudflareaccess.com" */
  teamDomain: string
  /** The Application Audience (AUD) tag of the Access application. */
  audience: string
}

// The key set is fetched once per isolate and refreshed by jose when a new key id appears.
const keySets = new Map<string, JWTVerifyGetKey>()

function teamKeys(teamDomain: string, createRemoteJWKSet: typeof import('./jwt').createRemoteJWKSet): JWTVerifyGetKey {
  let keys = keySets.get(teamDomain)
  if (!keys) {
    keys = createRemoteJWKSet(new URL(`https://${teamDomain}/cdn-cgi/access/certs`))
    keySets.set(teamDomain, keys)
  }
  return keys
}

/**
 * Verifies the `Cf-Access-Jwt-Assertion` Cloudflare Access adds in front of
 * the inbox: RS256 signature against the team's published keys, issuer,
 * audience and expiry. Returns the signed-in email, or null for any failure.
 */
export async function verifyAccessToken(token: string | undefined, settings: AccessSettings): Promise<string | null> {
  if (!token) return null
  // Loaded on the first token only: the public pages' isolates never evaluate the JWT library.
  const { createRemoteJWKSet, jwtVerify } = await import('./jwt')
  try {
    const { payload } = await jwtVerify(token, teamKeys(settings.teamDomain, createRemoteJWKSet), {
      issuer: `https://${settings.teamDomain}`,
      audience: settings.audience,
      algorithms: ['RS256'],
    })
    return typeof payload.email === 'string' ? payload.email : (payload.sub ?? null)
  } catch (error) {
    logEvent('warn', 'access_token_rejected', { reason: error instanceof Error ? error.name : String(error) })
    return null
  }
}
