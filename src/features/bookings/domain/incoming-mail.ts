/**
 * The rules of a patient's email coming back into a request's thread: which
 * mail is too big, which is a machine's (an auto-reply, a bounce), how long a
 * reply address stays open, and what of the text is kept. Pure: the handler in
 * src/features/bookings/incoming/ applies them.
 */

/**
 * The largest email taken, in bytes as delivered (headers and encoded parts).
 * A written reply is a few kilobytes; what makes an email bigger is
 * attachments, which are never kept. Parsing is CPU and memory in the
 * Worker's isolate, so a bound of 1 MB keeps it cheap, and the sender is told
 * to write without attachments.
 */
export const maxIncomingBytes = 1_000_000

/** Characters of a reply kept in the thread; a longer one ends with `shortenedMark`. */
export const maxReplyChars = 10_000

const shortenedMark = '(shortened)'

/** Days a reply address stays open after the request's last activity. */
const replyWindowDays = 90

const dayMs = 86_400_000

/** Why a message is a machine's, named for the log. */
export type AutomatedReason = 'auto-submitted' | 'null-sender' | 'delivery-report' | 'auto-reply' | 'bulk' | 'mailer-daemon'

const daemonAddress = /(^|[<\s"])(mailer-daemon|postmaster)@/i

const isNullSender = (value: string | null) => value !== null && /^\s*<?\s*>?\s*$/.test(value)

/**
 * Why an incoming message was written by a machine and not the patient
 * (RFC 3834 `Auto-Submitted`; a bounce's null sender, `<>`, in the envelope or
 * its Return-Path; a delivery-status report; the vacation headers of common
 * mail servers; list and bulk precedence; the mail system's own senders), or
 * null for a person's message. Such mail is dropped without an answer: any
 * answer, even a rejection, can start a loop with an auto-responder.
 *
 * @example automatedReason({ envelopeFrom: '', headers: new Headers() }) // 'null-sender'
 */
export function automatedReason(message: { envelopeFrom: string; headers: Headers }): AutomatedReason | null {
  const { headers } = message
  const autoSubmitted = headers.get('auto-submitted')
  if (autoSubmitted !== null && autoSubmitted.split(';')[0]!.trim().toLowerCase() !== 'no') return 'auto-submitted'
  if (isNullSender(message.envelopeFrom) || isNullSender(headers.get('return-path'))) return 'null-sender'
  if (/^\s*multipart\/report\b/i.test(headers.get('content-type') ?? '')) return 'delivery-report'
  if (headers.has('x-autoreply') || headers.has('x-autorespond')) return 'auto-reply'
  if (/^\s*(bulk|junk|auto_reply|list)\s*$/i.test(headers.get('precedence') ?? '')) return 'bulk'
  if (daemonAddress.test(message.envelopeFrom) || daemonAddress.test(headers.get('from') ?? '')) return 'mailer-daemon'
  return null
}

/** What a request has seen lately: a reply address stays open this long after the latest of them. */
export interface ReplyActivity {
  createdAt: Date
  /** The appointment's confirmed start, if any (a patient writes about it up to and after the visit). */
  appointmentStart: Date | null
  /** The last email the clinic sent the patient about this request (any patient channel), if any. */
  lastEmailToPatient: Date | null
}

/**
 * Until when the request's reply address takes messages: `replyWindowDays`
 * after its creation, the clinic's last email to the patient, or its
 * appointment, whichever is latest. Every email the clinic sends carries the
 * address, so each one keeps it open for another window; an address given
 * out long ago and never used again stops taking mail (a leaked or forwarded
 * email cannot feed a thread for ever). The patient's own replies do not
 * extend it: only the clinic's activity does.
 */
export function replyAddressOpenUntil(activity: ReplyActivity): Date {
  const latest = Math.max(activity.createdAt.getTime(), activity.appointmentStart?.getTime() ?? 0, activity.lastEmailToPatient?.getTime() ?? 0)
  return new Date(latest + replyWindowDays * dayMs)
}

export const isReplyAddressOpen = (activity: ReplyActivity, now: Date): boolean => now.getTime() < replyAddressOpenUntil(activity).getTime()

/** Lines that start the quoted history a mail program puts under a reply. */
const historyStarts: ((line: string, next: string | undefined) => boolean)[] = [
  // Gmail, Apple Mail, Thunderbird: "On Mon, 3 Jan 2073 at 10:00, Clinic <replies+…> wrote:", wrapped over two lines by some.
  (line, next) => /^\s*On\s.+/.test(line) && (/\bwrote:\s*$/.test(line) || /\bwrote:\s*$/.test(next ?? '')),
  (line) => /^\s*-{2,}\s*Original Message\s*-{2,}\s*$/i.test(line),
  // Outlook's separator line above its header block.
  (line, next) => /^\s*_{10,}\s*$/.test(line) && /^\s*From:\s/.test(next ?? ''),
]

/** Outlook's header block: "From: …" then, within the next lines, "Sent: …" or "Date: …". */
const isOutlookHeader = (lines: string[], index: number) =>
  /^\s*\*?From:\*?\s/.test(lines[index]!) && lines.slice(index + 1, index + 4).some((line) => /^\s*\*?(Sent|Date):\*?\s/.test(line))

const isQuoteOrBlank = (line: string) => line.trim() === '' || line.trimStart().startsWith('>')

/**
 * The patient's own words of a reply: the quoted history under it cut (from
 * "On … wrote:", "-----Original Message-----" or Outlook's "From: … Sent: …"
 * block onwards, and a trailing block of `>` lines), then the signature under
 * its `-- ` delimiter. Quotes inside the text (a patient answering point by
 * point) stay. When cutting would leave nothing, the whole text is kept:
 * losing a message is worse than keeping a quote.
 *
 * @example cutQuotedHistory('Tuesday suits me.\n\nOn Mon, 3 Jan 2073, Clinic wrote:\n> Would Tuesday suit you?') // 'Tuesday suits me.'
 */
export function cutQuotedHistory(text: string): string {
  let lines = text.replace(/\r\n?/g, '\n').split('\n')
  const start = lines.findIndex((line, index) => historyStarts.some((starts) => starts(line, lines[index + 1])) || isOutlookHeader(lines, index))
  if (start >= 0) lines = lines.slice(0, start)
  let end = lines.length
  while (end > 0 && isQuoteOrBlank(lines[end - 1]!)) end--
  lines = lines.slice(0, end)
  const signature = lines.findIndex((line) => line === '-- ' || line === '--')
  if (signature >= 0) lines = lines.slice(0, signature)
  const words = lines.join('\n').trim()
  return words === '' ? text.trim() : words
}

/** A reply bounded to `maxReplyChars`, a longer one cut and marked `(shortened)`. */
export const boundReply = (text: string): string => (text.length > maxReplyChars ? `${text.slice(0, maxReplyChars).trimEnd()}\n${shortenedMark}` : text)
