import type { Db } from '../../../platform/database'
import { secretTokenPattern } from '../../../platform/secret-token'
import type { Settings } from '../../settings'
import type { RequestKind } from '../domain/vocabulary'
import { writeReceipt } from '../receipt'
import { loadManagedRequest } from '../store/manage'
import type { ThanksReceipt } from '../views/forms/ThanksPage'

/**
 * The receipt of the request the answer page's link token opens, when it is
 * this form's request with this reference; undefined otherwise (a bot's made-up
 * reference, a repeat within the duplicate window, a mistyped link), and the
 * page then shows the reference alone. Only reads.
 */
export async function readThanksReceipt(
  db: Db,
  { reference, token, kind, settings }: { reference: string; token: string | undefined; kind: RequestKind; settings: Settings },
): Promise<ThanksReceipt | undefined> {
  if (!token || !secretTokenPattern.test(token)) return undefined
  const opened = await loadManagedRequest(db, token)
  if (!opened || opened.request.reference !== reference || opened.request.kind !== kind) return undefined
  return { receipt: writeReceipt(opened.request, opened.times, settings), pageLink: `/manage/${token}` }
}

/** The answer page's address after a stored request: its reference and, when one was stored, the link token. */
export const thanksPath = (path: string, reference: string, token: string | undefined, extra = '') =>
  `${path}/thanks?ref=${reference}${extra}${token ? `&page=${token}` : ''}`
