import type { PaymentCredited, PaymentEvent, PaymentReceived } from './events.js'

/** One stream per payment code (`payment-<code>`): the stream itself is the uniqueness guard of PAY-4. */
export type PaymentState = {
  readonly received: PaymentReceived | undefined
  readonly credited: PaymentCredited | undefined
}

export const initialPaymentState: PaymentState = { received: undefined, credited: undefined }

export const evolve = (state: PaymentState, event: PaymentEvent): PaymentState => {
  switch (event.type) {
    case 'PaymentReceived':
      return { ...state, received: event }
    case 'PaymentCredited':
      return { ...state, credited: event }
  }
}
