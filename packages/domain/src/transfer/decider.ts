import type { Decider } from '../kernel/decider.js'
import type { TransferCommand, TransferContext } from './commands.js'
import { decide } from './decide.js'
import type { TransferEvent } from './events.js'
import { evolve, initialTransferState, type TransferState } from './state.js'

export const transferDecider: Decider<TransferCommand, TransferEvent, TransferState, TransferContext> = {
  initialState: initialTransferState,
  decide,
  evolve,
}
