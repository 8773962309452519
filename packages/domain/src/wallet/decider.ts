import type { Decider } from '../kernel/decider.js'
import type { WalletCommand } from './commands.js'
import { decide } from './decide.js'
import type { WalletEvent } from './events.js'
import { evolve, initialWalletState, type WalletState } from './state.js'

/** One stream per wallet (`wallet-<walletId>`); the application picks the id when the cabinet is completed. */
export const walletDecider: Decider<WalletCommand, WalletEvent, WalletState, void> = {
  initialState: initialWalletState,
  decide: (command, state) => decide(command, state),
  evolve,
}
