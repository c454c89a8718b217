import * as z from 'zod/mini'

/**
 * What travels through the queue: ids only, never patient data. `generation`
 * names the delivery chain (each resend starts a new one), so a message left
 * over from an older chain can be told apart; a message sent before chains were
 * numbered carries none and belongs to the first, 0.
 */
export const notifyMessageSchema = z.object({
  notificationId: z.string().check(z.uuid()),
  generation: z._default(z.int().check(z.nonnegative()), 0),
})

export type NotifyMessage = z.output<typeof notifyMessageSchema>

/** Queue names as in wrangler.toml: one Worker consumes both, told apart by `batch.queue`. */
export const queueNames = { notify: 'clinic-notifications', deadLetter: 'clinic-notifications-dlq' } as const
