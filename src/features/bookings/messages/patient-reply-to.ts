import type { NotifySettings } from '../../notifications'
import { replyAddressOf } from './reply-address'

/**
 * Where a patient's reply to an email about their request goes: the request's
 * own reply address when REPLY_ADDRESS is set, so it comes back into its
 * thread, else the clinic's address.
 */
export const patientReplyTo = async (
  secret: string,
  settings: Pick<NotifySettings, 'replyAddress' | 'clinicEmail'>,
  request: { id: string; reference: string },
) => (settings.replyAddress ? replyAddressOf(secret, settings.replyAddress, request) : settings.clinicEmail)
