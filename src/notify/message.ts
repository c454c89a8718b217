import * as z from 'zod/mini'

/** What travels through the queue: ids only, never patient data. */
export const notifyMessageSchema = z.object({ notificationId: z.string().check(z.uuid()) })

export type NotifyMessage = z.infer<typeof notifyMessageSchema>

/** Queue names as in wrangler.toml: one Worker consumes both, told apart by `batch.queue`. */
export const queueNames = { notify: 'clinic-notifications', deadLetter: 'clinic-notifications-dlq' } as const
