/** What only the queue consumer and the crons run, imported by src/jobs.ts (loaded on the first queue batch or cron run) and other features' jobs.ts: a public page never evaluates it. */
export { forgetAcknowledgements } from './acknowledgement'
export { deliverNotifications } from './consumer'
export { recordDeadLetters } from './dead-letter'
export { isDigestHour, sendDailyDigest } from './digest'
export { retryLostAfterMs, sweepPendingNotifications, unsentAfterMs } from './sweep'
