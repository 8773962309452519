import type { Decider } from '../kernel/decider.js'
import type { PaymentCommand } from './commands.js'
import { decide } from './decide.js'
import type { PaymentEvent } from './events.js'
import { evolve, initialPaymentState, type PaymentState } from './state.js'

export const paymentDecider: Decider<PaymentCommand, PaymentEvent, PaymentState, void> = {
  initialState: initialPaymentState,
  decide: (command, state) => decide(command, state),
  evolve,
}
