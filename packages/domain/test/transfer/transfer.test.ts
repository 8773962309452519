import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import {
  checkMoneyInvariants,
  decodeWith,
  Money,
  type RequestTransfer,
  TransferEvent,
  type TransferRequested,
  transferDecider,
  transferProcess,
} from '../../src/index.js'
import { left, right, specification } from '../support/specification.js'
import { cabinet, code, doc, money, opened, roundTrip, T0 } from '../wallet/fixtures.js'
import { createWorld } from './harness.js'

const transfer = specification(transferDecider)
const request: RequestTransfer = {
  type: 'RequestTransfer',
  transferId: 't-1',
  fromWalletId: 'w-1',
  fromCabinetNumber: cabinet(1),
  toCabinetNumber: cabinet(2),
  toWalletId: 'w-2',
  amount: money('10.00'),
  passwordVerified: true,
  requestedAt: T0,
}
const { type: _, passwordVerified: __, ...fields } = request
const requested: TransferRequested = { ...fields, type: 'TransferRequested', toWalletId: 'w-2' }
const step = (type: 'MarkTransferSent' | 'MarkTransferCompleted' | 'MarkTransferReturned') =>
  ({ type, transferId: 't-1', at: T0 }) as const

describe('Transfer request (WAL-4)', () => {
  it('WAL-4: an accepted request is recorded; the same request again records nothing', () => {
    transfer
      .given([])
      .when(request, { senderBalance: money('10') })
      .then([requested])
    transfer.given([requested]).when(request, {}).then([])
    transfer
      .given([requested])
      .when({ ...request, amount: money('11') }, {})
      .thenFails('transfer.id_reused')
  })

  it('WAL-4: a wrong password is refused and nothing is recorded', () => {
    transfer
      .given([])
      .when({ ...request, passwordVerified: false }, {})
      .thenFails('transfer.wrong_password')
  })

  it('WAL-4: an unknown recipient cabinet is refused', () => {
    const error = transfer
      .given([])
      .when({ ...request, toWalletId: undefined }, {})
      .thenFails('transfer.unknown_recipient')
    expect(error.message).toContain(cabinet(2))
  })

  it('WAL-4: a transfer to the own cabinet is refused', () => {
    transfer
      .given([])
      .when({ ...request, toCabinetNumber: cabinet(1), toWalletId: 'w-1' }, {})
      .thenFails('transfer.same_cabinet')
  })

  it('WAL-4: a non-positive amount is refused (more than 2 decimals never decodes, see money.test.ts)', () => {
    transfer
      .given([])
      .when({ ...request, amount: Money.zero }, {})
      .thenFails('transfer.invalid_amount')
  })

  it('WAL-4: more than the balance the application read is refused before anything moves', () => {
    const error = transfer
      .given([])
      .when(request, { senderBalance: money('9.99') })
      .thenFails('transfer.insufficient_funds')
    expect(error.details).toEqual({ balance: '9.99', amount: '10.00' })
  })
})

describe('Transfer state machine (WAL-5)', () => {
  it('WAL-5: steps arriving out of order still end in one outcome, repeats record nothing', () => {
    const completed = transfer.given([requested]).when(step('MarkTransferCompleted'), {}).events()
    expect(completed).toEqual([{ type: 'TransferCompleted', transferId: 't-1', at: T0 }])
    transfer
      .given([requested, ...completed])
      .when(step('MarkTransferSent'), {})
      .then([])
    transfer
      .given([requested, ...completed])
      .when(step('MarkTransferCompleted'), {})
      .then([])
  })

  it('WAL-5: contradicting outcomes and steps of an unknown transfer are refused', () => {
    const returned = { type: 'TransferReturned', transferId: 't-1', at: T0 } as const
    transfer
      .given([requested, returned])
      .when(step('MarkTransferCompleted'), {})
      .thenFails('transfer.inconsistent_outcome')
    transfer.given([]).when(step('MarkTransferSent'), {}).thenFails('transfer.unknown')
  })
})

describe('Transfer process (WAL-5)', () => {
  const world = (recipientOpen: boolean, topUp: string) => {
    const w = createWorld()
    for (const [id, n] of recipientOpen
      ? ([
          ['w-1', 1],
          ['w-2', 2],
        ] as const)
      : ([['w-1', 1]] as const)) {
      const { type: _, ...open } = opened(id, n)
      right(w.wallets.handle(id, { ...open, type: 'OpenWallet' }, undefined))
    }
    const paymentCode = code('PAY-0001')
    const receive = {
      type: 'ReceivePayment',
      paymentCode,
      amount: money(topUp),
      documentNumber: doc('1234567'),
      paidAt: T0,
      providerReference: 'ref-1',
    } as const
    right(w.payments.handle(paymentCode, receive, undefined))
    right(
      w.payments.handle(
        paymentCode,
        {
          type: 'CreditPayment',
          paymentCode,
          walletId: 'w-1',
          requestId: 'r',
          creditedAt: T0,
          method: 'code',
        },
        undefined,
      ),
    )
    expect(w.settle()).toEqual([])
    right(w.transfers.handle('t-1', request, {}))
    return w
  }
  const balance = (w: ReturnType<typeof createWorld>, id: string) => Money.format(w.wallets.state(id).balance)

  it('WAL-5: money leaves the sender and arrives at the recipient exactly once', () => {
    const w = world(true, '25')
    expect(w.settle()).toEqual([])
    expect([balance(w, 'w-1'), balance(w, 'w-2'), w.transfers.state('t-1').status]).toEqual([
      '15.00',
      '10.00',
      'completed',
    ])
    expect(checkMoneyInvariants(w.log)).toEqual([])
  })

  it('WAL-5: a credit that cannot be made is refunded to the sender', () => {
    const w = world(false, '25')
    expect(w.settle()).toEqual([])
    expect([balance(w, 'w-1'), w.transfers.state('t-1').status]).toEqual(['25.00', 'returned'])
    expect(checkMoneyInvariants(w.log)).toEqual([])
  })

  it('WAL-4/WAL-5: a debit the balance cannot cover ends the transfer failed with nothing moved', () => {
    const w = world(true, '5')
    expect(w.settle()).toEqual([])
    expect([balance(w, 'w-1'), balance(w, 'w-2'), w.transfers.state('t-1').status]).toEqual([
      '5.00',
      '0.00',
      'failed',
    ])
  })

  it('WAL-5: every event redelivered gives the same commands with ids derived from the transfer id', () => {
    const w = world(true, '25')
    w.settle()
    const journey = w.log.filter((event) => 'transferId' in event)
    const commands = journey.flatMap(transferProcess)
    expect(journey.flatMap(transferProcess)).toEqual(commands)
    expect(commands.map((routed) => routed.commandId)).toEqual([
      'transfer:t-1:debit',
      'transfer:t-1:credit',
      'transfer:t-1:sent',
      'transfer:t-1:completed',
    ])
    for (const routed of commands) expect(w.deliver(routed)).toEqual(E.right([]))
  })
})

describe('Transfer event codecs', () => {
  it('round-trip through JSON and reject bad input readably', () => {
    expect(roundTrip(TransferEvent, requested)).toEqual(E.right(requested))
    const bad = { ...TransferEvent.encode(requested), toCabinetNumber: '10000010', requestedAt: 'yesterday' }
    const message = left(decodeWith(TransferEvent)(bad)).message
    expect(message).toContain('toCabinetNumber: a cabinet number is 8 digits with a valid check digit')
    expect(message).toContain('requestedAt: expected an ISO-8601 instant')
  })
})
