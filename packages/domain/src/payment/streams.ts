/** The stream of one payment, named by its payment code (PAY-4: credited exactly once). */
export const paymentStreamId = (paymentCode: string): string => `payment-${paymentCode}`
