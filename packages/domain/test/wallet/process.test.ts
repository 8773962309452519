import { describe, expect, it } from 'vitest'
import { type CabinetEvent, type CabinetId, cabinetNumberFor, walletOpeningProcess } from '../../src/index.js'

const completed: CabinetEvent = {
  type: 'CabinetCompleted',
  cabinetId: 'c-1' as CabinetId,
  cabinetNumber: cabinetNumberFor(7),
  passwordHash: 'hash',
  completedAt: new Date('2026-06-01T08:00:00Z'),
}

describe('walletOpeningProcess (WAL-1)', () => {
  it('WAL-1: a completed cabinet opens the wallet named after its number, with an id derived from the cabinet', () => {
    expect(walletOpeningProcess(completed)).toEqual([
      {
        to: 'wallet',
        streamId: completed.cabinetNumber,
        commandId: 'cabinet:c-1:open-wallet',
        command: {
          type: 'OpenWallet',
          walletId: completed.cabinetNumber,
          cabinetId: 'c-1',
          cabinetNumber: completed.cabinetNumber,
          openedAt: completed.completedAt,
        },
      },
    ])
  })

  it('WAL-1: no other cabinet event opens a wallet', () => {
    expect(walletOpeningProcess({ ...completed, type: 'PhoneConfirmed' } as unknown as CabinetEvent)).toEqual(
      [],
    )
  })
})
