import PostalMime from 'postal-mime'
import { multiLine, singleLine } from '../../notifications'
import { htmlAsText } from '../domain/html-text'
import { boundReply, cutQuotedHistory } from '../domain/incoming-mail'

/** What the thread keeps of a patient's email. */
export interface ReadReply {
  /** The patient's words: quoted history and signature cut, made safe, bounded. */
  body: string
  /** How many attachments it carried; none of them is kept. */
  attachments: number
  /** The Message-ID header, so a second delivery of the same email is known. */
  messageId: string | null
}

/**
 * Parses a patient's email with postal-mime: its text part, or its HTML as
 * text when it has none, with the history cut. When
 * the From address is not the request's, the thread says so on the first line
 * (the address alone, never used to choose the thread), so the practitioner
 * sees who wrote before answering.
 */
export async function readReply(raw: ReadableStream | string, requestEmail: string): Promise<ReadReply> {
  const email = await PostalMime.parse(raw)
  const text = email.text ?? (email.html ? htmlAsText(email.html) : '')
  const words = boundReply(multiLine(cutQuotedHistory(text), Number.MAX_SAFE_INTEGER))
  const from = email.from?.address?.trim() ?? ''
  const otherSender = from !== '' && from.toLowerCase() !== requestEmail.trim().toLowerCase()
  return {
    body: otherSender ? `(Sent from another address: ${singleLine(from, 254)})\n\n${words}` : words,
    attachments: email.attachments.length,
    messageId: email.messageId?.trim() || null,
  }
}
