import { createDb, type Db } from '../../../platform/database'
import { describeError, logEvent } from '../../../platform/log'
import { configuredChannels, enqueue, type NotificationChannel, type NotifySettings, readNotifySettings } from '../../notifications'
import { automatedReason, isReplyAddressOpen, maxIncomingBytes } from '../domain/incoming-mail'
import { isReplyMacOf, referenceInReplyAddress } from '../messages/reply-address'
import { findReplyTarget, type ReplyTarget, storePatientReply } from '../store/incoming-replies'
import { type ReadReply, readReply } from './read-reply'

/** The notice goes to the practitioner only, on whichever of their channels this deployment has. */
const practitionerChannels: readonly NotificationChannel[] = ['email', 'webhook']

/**
 * The request the address leads to, when its MAC is this request's, the
 * request is not spam and the address is still open; else null. The address
 * alone decides: In-Reply-To, References and the subject are the sender's
 * to write, so none of them ever chooses a thread.
 */
async function findOpenThread(db: Db, env: Env, settings: NotifySettings, to: string, now: Date): Promise<ReplyTarget | null> {
  if (!settings.replyAddress) return null
  const named = referenceInReplyAddress(settings.replyAddress, to)
  if (!named) return null
  const target = await findReplyTarget(db, named.reference)
  if (!target || !(await isReplyMacOf(env.FORM_SECRET, target.id, named.mac))) return null
  if (target.status === 'spam') return null
  const activity = { createdAt: target.createdAt, appointmentStart: target.confirmedStart, lastEmailToPatient: target.lastEmailToPatient }
  return isReplyAddressOpen(activity, now) ? target : null
}

/**
 * Email Routing's hand-over of a patient's email (src/worker.ts's `email`):
 * refused when too big or when its address leads to no open thread (the
 * sender's server then tells them why); dropped without a word when a
 * machine wrote it; else its text lands in the request's thread with the
 * practitioner's notice. The machine check comes before the address, so an
 * auto-reply or a bounce is never answered, not even by a refusal. A closed
 * request takes the message and stays closed: reopening would let an
 * appointment whose time was released hold it again, perhaps over another
 * booking; the notice brings the practitioner to it.
 */
export async function receivePatientEmail(message: ForwardableEmailMessage, env: Env, now: Date): Promise<void> {
  const settings = readNotifySettings(env)
  if (message.rawSize > maxIncomingBytes) {
    logEvent('info', 'incoming_mail_refused', { reason: 'too-big', bytes: message.rawSize })
    message.setReject(
      `This message is larger than ${maxIncomingBytes / 1_000_000} MB. Attachments are not kept: please send your reply as text only, or write to ${settings.clinicEmail}.`,
    )
    return
  }
  const automated = automatedReason({ envelopeFrom: message.from, headers: message.headers })
  if (automated) {
    logEvent('info', 'incoming_mail_dropped', { reason: automated })
    return
  }
  const db = createDb(env.DB)
  const target = await findOpenThread(db, env, settings, message.to, now)
  if (!target) {
    logEvent('info', 'incoming_mail_refused', { reason: 'no-open-thread' })
    message.setReject(`This address no longer takes messages; please write to ${settings.clinicEmail}.`)
    return
  }
  let reply: ReadReply
  try {
    reply = await readReply(message.raw, target.email)
  } catch (error) {
    // postal-mime refuses a malformed or pathological message (its nesting and size limits): the sender hears it could not be read.
    logEvent('warn', 'incoming_mail_refused', { reason: 'unreadable', requestId: target.id, error: describeError(error) })
    message.setReject(`This message could not be read; please write to ${settings.clinicEmail}.`)
    return
  }
  const channels = configuredChannels(env).filter((channel) => practitionerChannels.includes(channel))
  const stored = await storePatientReply(db, { requestId: target.id, ...reply, channels, now })
  if (stored.duplicate) {
    logEvent('info', 'patient_reply_repeated', { requestId: target.id })
    return
  }
  logEvent('info', 'patient_reply_stored', { requestId: target.id, attachments: reply.attachments, notifications: stored.notificationIds.length })
  await enqueue(env.NOTIFY_QUEUE, stored.notificationIds)
}
