import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import {
  type CreditPayment,
  decodeWith,
  evolveUnclaimedPayments,
  initialUnclaimedPayments,
  type PaymentCredited,
  PaymentEvent,
  type PaymentReceived,
  paymentDecider,
  paymentProcess,
  unclaimedFor,
} from '../../src/index.js'
import { left, specification } from '../support/specification.js'
import { at, code, doc, money, roundTrip, T0 } from '../wallet/fixtures.js'

const payment = specification(paymentDecider)
const CODE = code('pay-2026-0001')
const received: PaymentReceived = {
  type: 'PaymentReceived',
  paymentCode: CODE,
  amount: money('25.00'),
  documentNumber: doc('1234567'),
  paidAt: at('2026-03-01T10:15:00Z'),
  providerReference: 'KB-778812',
}
const receive = { ...received, type: 'ReceivePayment' } as const
const byCode: CreditPayment = {
  type: 'CreditPayment',
  paymentCode: CODE,
  walletId: 'w-1',
  requestId: 'req-1',
  creditedAt: T0,
  method: 'code',
}
const credited: PaymentCredited = {
  type: 'PaymentCredited',
  paymentCode: CODE,
  walletId: 'w-1',
  amount: money('25'),
  method: 'code',
  requestId: 'req-1',
  creditedAt: T0,
}

describe('Payment', () => {
  it('PAY-1: a payment from the feed is recorded with code, amount, stated document, time and reference', () => {
    payment.given([]).when(receive, undefined).then([received])
  })

  it('PAY-1: the feed may redeliver: the same data again records nothing, other data is refused', () => {
    payment.given([received]).when(receive, undefined).then([])
    payment.given([received, credited]).when(receive, undefined).then([])
    payment
      .given([received])
      .when({ ...receive, amount: money('26') }, undefined)
      .thenFails('payment.conflicting_redelivery')
    payment
      .given([])
      .when({ ...receive, amount: money('0') }, undefined)
      .thenFails('payment.invalid_amount')
  })

  it('PAY-2: method 1 credits a payment stated for one of the owner’s documents', () => {
    const listed: CreditPayment = {
      ...byCode,
      method: 'listed',
      ownerDocumentNumbers: [doc('7654321'), doc('1234567')],
    }
    payment
      .given([received])
      .when(listed, undefined)
      .then([{ ...credited, method: 'listed' }])
  })

  it('PAY-2: method 1 refuses a payment stated for someone else’s document', () => {
    const listed: CreditPayment = { ...byCode, method: 'listed', ownerDocumentNumbers: [doc('7654321')] }
    payment.given([received]).when(listed, undefined).thenFails('payment.document_mismatch')
  })

  it('PAY-3: method 2 credits any electronically obtained code, whoever paid it', () => {
    payment
      .given([received])
      .when({ ...byCode, walletId: 'w-9', requestId: 'r-9' }, undefined)
      .then([{ ...credited, walletId: 'w-9', requestId: 'r-9' }])
  })

  it('PAY-4: an unknown code gets a clear error', () => {
    const error = payment.given([]).when(byCode, undefined).thenFails('payment.unknown_code')
    expect(error.message).toContain('PAY-2026-0001')
  })

  it('PAY-4: a code already credited is refused for another account and for a new request of the same one', () => {
    const other = payment
      .given([received, credited])
      .when({ ...byCode, walletId: 'w-2', requestId: 'r-2' }, undefined)
    expect(other.thenFails('payment.already_credited').message).toContain('another account')
    const again = payment.given([received, credited]).when({ ...byCode, requestId: 'req-2' }, undefined)
    expect(again.thenFails('payment.already_credited').message).toContain('your account')
  })

  it('PAY-4: a retry of the very same request is answered with no events', () => {
    payment.given([received, credited]).when(byCode, undefined).then([])
  })

  it('PAY-4: the wallet top-up follows from the crediting, with an id derived from the code', () => {
    const commands = paymentProcess(credited)
    expect(commands).toEqual([
      {
        to: 'wallet',
        streamId: 'w-1',
        commandId: 'payment:PAY-2026-0001:top-up',
        command: {
          type: 'CreditFromPayment',
          walletId: 'w-1',
          paymentCode: CODE,
          amount: money('25'),
          at: T0,
        },
      },
    ])
    expect(paymentProcess(credited)).toEqual(commands)
    expect(paymentProcess(received)).toEqual([])
  })
})

describe('Unclaimed payments (PAY-2)', () => {
  const second: PaymentReceived = {
    ...received,
    paymentCode: code('PAY-2026-0002'),
    paidAt: at('2026-02-01T09:00:00Z'),
  }
  const stranger: PaymentReceived = {
    ...received,
    paymentCode: code('PAY-2026-0003'),
    documentNumber: doc('5555555'),
  }

  it('PAY-2: lists the owner’s uncredited payments, oldest first, and drops one once credited', () => {
    const view = [received, second, stranger].reduce(evolveUnclaimedPayments, initialUnclaimedPayments)
    const rows = unclaimedFor(view, [doc('1234567')])
    expect(rows.map((row) => row.paymentCode)).toEqual(['PAY-2026-0002', 'PAY-2026-0001'])
    expect(rows[1]).toEqual({
      paymentCode: CODE,
      amount: money('25'),
      paidAt: received.paidAt,
      documentNumber: doc('1234567'),
    })
    const after = evolveUnclaimedPayments(view, credited)
    expect(unclaimedFor(after, [doc('1234567')]).map((row) => row.paymentCode)).toEqual(['PAY-2026-0002'])
  })

  it('PAY-2: redelivered events do not bring a credited payment back or list one twice', () => {
    const events = [received, received, credited, received, credited, second, second]
    const view = events.reduce(evolveUnclaimedPayments, initialUnclaimedPayments)
    expect(unclaimedFor(view, [doc('1234567')]).map((row) => row.paymentCode)).toEqual(['PAY-2026-0002'])
  })
})

describe('Payment event codecs', () => {
  it('round-trip through JSON', () => {
    expect(roundTrip(PaymentEvent, received)).toEqual(E.right(received))
    expect(roundTrip(PaymentEvent, credited)).toEqual(E.right(credited))
  })

  it('reject bad input with readable messages', () => {
    const bad = { ...PaymentEvent.encode(credited), method: 'cash', paymentCode: 'x' }
    const message = left(decodeWith(PaymentEvent)(bad)).message
    expect(message).toContain('paymentCode: a payment code is 6 to 32 letters')
    expect(message).toContain('method: expected PaymentMethod, got "cash"')
  })
})
