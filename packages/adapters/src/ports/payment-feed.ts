/**
 * Payment notifications from the provider (§2): its endpoint pushes each one
 * in, and whoever records payments subscribes. In process on purpose: the
 * durable record is the event the subscriber appends, not the feed.
 */
export interface PaymentFeed<Notification> {
  /**
   * Resolves once every subscriber has handled the notification; rejects when
   * one fails or none listens, so the endpoint answers with an error and the
   * provider sends it again rather than the payment being dropped.
   */
  push(notification: Notification): Promise<void>
  /** Returns the function that unsubscribes. */
  subscribe(handler: (notification: Notification) => Promise<void>): () => void
}

export const createPaymentFeed = <Notification>(): PaymentFeed<Notification> => {
  const handlers = new Set<(notification: Notification) => Promise<void>>()
  return {
    push: async (notification) => {
      if (handlers.size === 0)
        throw new Error('No payment handler is listening; the notification was not taken')
      for (const handler of [...handlers]) await handler(notification)
    },
    subscribe: (handler) => {
      const own = (notification: Notification) => handler(notification)
      handlers.add(own)
      return () => {
        handlers.delete(own)
      }
    },
  }
}
