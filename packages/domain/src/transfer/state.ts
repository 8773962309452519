import type { TransferEvent, TransferRequested } from './events.js'

export type TransferStatus = 'requested' | 'sent' | 'completed' | 'failed' | 'returned'

/** One stream per transfer (`transfer-<transferId>`). */
export type TransferState =
  | { readonly status: 'none' }
  | { readonly status: TransferStatus; readonly request: TransferRequested }

export const initialTransferState: TransferState = { status: 'none' }

const STATUS_AFTER = {
  TransferSent: 'sent',
  TransferCompleted: 'completed',
  TransferFailed: 'failed',
  TransferReturned: 'returned',
} as const satisfies Record<Exclude<TransferEvent['type'], 'TransferRequested'>, TransferStatus>

export const evolve = (state: TransferState, event: TransferEvent): TransferState => {
  if (event.type === 'TransferRequested') return { status: 'requested', request: event }
  return state.status === 'none' ? state : { ...state, status: STATUS_AFTER[event.type] }
}
