import { writeAcknowledgement } from '../../config'
import { formatInstantWithZone } from '../notifications'
import type { Settings } from '../settings'
import { formatPreferred } from './appointment-times'
import type { RequestKind } from './domain/vocabulary'
import type { PreferredTimeRow, RequestRow } from './store/schema'

/** What the patient is told they sent and what comes next, in the acknowledgement and on the answer page alike. */
export interface RequestReceipt {
  kind: RequestKind
  reference: string
  /** "A booking request" or "A question". */
  asked: string
  /** A booking's preferred times, or the exact starts picked; none for a question. */
  times: string[]
  /** What happens next and when, in the clinic's words. */
  next: string[]
}

const askedWords: Record<RequestKind, string> = { booking: 'A booking request', contact: 'A question' }

const hourMs = 60 * 60 * 1000

/**
 * The receipt of a request: its kind, the times asked for, the reference and
 * what happens next (the clinic's words, and when an unanswered booking
 * request expires). Never a health detail nor anything else the patient typed:
 * the times are the days and parts of days or the starts they chose.
 */
export function writeReceipt(
  request: Pick<RequestRow, 'kind' | 'reference' | 'createdAt'>,
  times: readonly Pick<PreferredTimeRow, 'date' | 'period' | 'start'>[],
  practice: Pick<Settings, 'practitioner' | 'policy'>,
): RequestReceipt {
  const { expiryHours } = practice.policy
  const expires =
    request.kind === 'booking' && expiryHours > 0
      ? [
          `If we have not answered by ${formatInstantWithZone(new Date(request.createdAt.getTime() + expiryHours * hourMs))}, the request expires and we email you, so you are never left waiting.`,
        ]
      : []
  return {
    kind: request.kind,
    reference: request.reference,
    asked: askedWords[request.kind],
    times: request.kind === 'booking' ? times.map(formatPreferred) : [],
    next: [writeAcknowledgement(request.kind, practice), ...expires],
  }
}
