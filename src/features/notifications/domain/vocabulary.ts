/**
 * email and webhook go to the practitioner; patient is the optional
 * acknowledgement to the patient; confirmation is the patient's invitation
 * once a booking is confirmed; waitlist is an email to a waitlisted patient;
 * reply is the practitioner's message to the patient, written in the inbox.
 */
export const notificationChannels = ['email', 'webhook', 'patient', 'confirmation', 'appointment', 'waitlist', 'reply'] as const

/**
 * What a notification is about. `request`: a new request (the practitioner's
 * email and webhook, the acknowledgement). On the `appointment` channel (an email
 * to the patient): each change of their appointment, and the reminder. On the
 * practitioner's channels: what the patient did from their page. On the
 * `waitlist` channel: the patient joined the waitlist, a time was offered.
 * `reply`: the practitioner's message to the patient from the inbox (the
 * `reply` channel); `patient-replied`: the practitioner's notice that a
 * patient's email came into the thread.
 */
export const notificationTopics = [
  'request',
  'proposed',
  'confirmed',
  'moved',
  'cancelled',
  'declined',
  'expired',
  'reminder',
  'patient-chose',
  'patient-cancelled',
  'patient-asked',
  'waitlist-joined',
  'waitlist-offer',
  'reply',
  'patient-replied',
] as const

/**
 * unknown: the send was handed to the provider but its answer never came within
 * the send bound, so it may have gone out; it is never retried by itself (a second
 * copy is worse than asking the practitioner). skipped: deliberately not sent
 * (the patient's address already had its acknowledgement that day).
 */
export const notificationStatuses = ['pending', 'sent', 'failed', 'unknown', 'skipped'] as const

export type NotificationChannel = (typeof notificationChannels)[number]

export type NotificationTopic = (typeof notificationTopics)[number]
