import type { CabinetEvent } from '../cabinet/events.js'
import { type ToWallet, toWallet } from './commands.js'

/** WAL-1: a completed cabinet gets its account, named after its number (the id derives from the cabinet). */
export const walletOpeningProcess = (event: CabinetEvent): readonly ToWallet[] =>
  event.type === 'CabinetCompleted'
    ? [
        toWallet(`cabinet:${event.cabinetId}:open-wallet`, {
          type: 'OpenWallet',
          walletId: event.cabinetNumber,
          cabinetId: event.cabinetId,
          cabinetNumber: event.cabinetNumber,
          openedAt: event.completedAt,
        }),
      ]
    : []
