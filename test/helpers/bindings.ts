import { env } from 'cloudflare:workers'

/**
 * A real binding with some methods wrapped: everything else goes straight to
 * the binding, so faults and recorders sit in front of the runtime's own
 * D1, Queues and the rest instead of replacing them.
 */
export function wrapBinding<T extends object>(target: T, wrappers: { [K in keyof T]?: T[K] }): T {
  return new Proxy(target, {
    get(binding, property) {
      if (property in wrappers) return wrappers[property as keyof T]
      // Requests read D1 through sessions (src/platform/database.ts): a wrapped
      // prepare or batch stands for the sessions made from the binding too.
      if (property === 'withSession' && ('prepare' in wrappers || 'batch' in wrappers)) {
        const { prepare, batch } = wrappers as Partial<D1Database>
        const withSession = (binding as D1Database).withSession.bind(binding)
        return (start?: string) => wrapBinding(withSession(start), { ...(prepare && { prepare }), ...(batch && { batch }) })
      }
      const value = Reflect.get(binding, property)
      return typeof value === 'function' ? value.bind(binding) : value
    },
  })
}

/** The real queue binding, recording the ids it is asked to send (one by one or in batches). */
export function recordingQueue() {
  const enqueued: string[] = []
  const queue = env.NOTIFY_QUEUE as Queue<{ notificationId: string }>
  const binding = wrapBinding(queue, {
    send: (body, options) => {
      enqueued.push(body.notificationId)
      return queue.send(body, options)
    },
    sendBatch: (messages, options) => {
      enqueued.push(...[...messages].map((message) => message.body.notificationId))
      return queue.sendBatch(messages, options)
    },
  })
  return { binding: binding as Queue, enqueued }
}
