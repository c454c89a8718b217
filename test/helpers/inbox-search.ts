import { type AdminSession, adminGet, adminPost } from './admin'

/**
 * Filters the inbox as the form does: POSTs the fields to /admin/search and
 * returns where the 303 points (the list under the saved search's id).
 */
export async function searchInbox(session: AdminSession, fields: { kind?: string; status?: string; q?: string }): Promise<string> {
  const response = await adminPost(session, '/admin/search', fields)
  const location = response.headers.get('Location')
  if (response.status !== 303 || !location) throw new Error(`the search answered ${response.status}`)
  return location
}

/** The saved search's id in a list address such as /admin?filter=… */
export const filterIdOf = (location: string): string => new URL(location, 'https://clinic.example.com').searchParams.get('filter') ?? ''

/** The names listed for a search, as links in the list's rows. */
export async function namesFound(session: AdminSession, fields: { kind?: string; status?: string; q?: string }): Promise<string[]> {
  const html = await (await adminGet(session, await searchInbox(session, fields))).text()
  return [...html.matchAll(/<th scope="row"><a href="\/admin\/requests\/[^"]+">([^<]*)<\/a><\/th>/g)].map((match) => match[1]!)
}
