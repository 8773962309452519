import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import { checkAmount } from '../kernel/amount.js'
import { type DomainError, domainError } from '../kernel/errors.js'
import { Money } from '../kernel/money.js'
import { recordable } from '../kernel/recordable.js'
import type { CreditPayment, PaymentCommand, ReceivePayment } from './commands.js'
import { PaymentEvent, type PaymentReceived } from './events.js'
import type { PaymentState } from './state.js'

type Decision = E.Either<DomainError, readonly PaymentEvent[]>

const sameReceipt = (a: PaymentReceived, b: PaymentReceived): boolean =>
  Money.equals(a.amount, b.amount) &&
  a.documentNumber === b.documentNumber &&
  a.paidAt.getTime() === b.paidAt.getTime() &&
  a.providerReference === b.providerReference

/** PAY-1: the feed may redeliver; the same code with other data means the provider broke uniqueness. */
const receive = (command: ReceivePayment, state: PaymentState): Decision => {
  const { type: _, ...payment } = command
  const event: PaymentReceived = { ...payment, type: 'PaymentReceived' }
  if (state.received === undefined) return E.right([event])
  return sameReceipt(state.received, event)
    ? E.right([])
    : E.left(
        domainError(
          'payment.conflicting_redelivery',
          `Payment code ${command.paymentCode} was already received with other data; ask the provider to check it.`,
          { paymentCode: command.paymentCode },
        ),
      )
}

/** PAY-4: credited exactly once, to exactly one account; a retry of the same request changes nothing. */
const alreadyCredited = (command: CreditPayment, state: PaymentState): Decision | undefined => {
  const credited = state.credited
  if (credited === undefined) return undefined
  if (credited.requestId === command.requestId && credited.walletId === command.walletId) return E.right([])
  const where = credited.walletId === command.walletId ? 'your account' : 'another account'
  return E.left(
    domainError(
      'payment.already_credited',
      `Payment code ${command.paymentCode} was already credited to ${where} on ${credited.creditedAt.toISOString()}.`,
      { paymentCode: command.paymentCode, toThisAccount: credited.walletId === command.walletId },
    ),
  )
}

const credit = (command: CreditPayment, state: PaymentState): Decision => {
  const received = state.received
  if (received === undefined)
    return E.left(
      domainError(
        'payment.unknown_code',
        `No payment with code ${command.paymentCode} has arrived; check the code on the receipt or try again later.`,
        { paymentCode: command.paymentCode },
      ),
    )
  const repeat = alreadyCredited(command, state)
  if (repeat !== undefined) return repeat
  // PAY-2: method 1 lists only payments made in the owner's name; method 2 (PAY-3) accepts any code.
  if (command.method === 'listed' && !command.ownerDocumentNumbers.includes(received.documentNumber))
    return E.left(
      domainError(
        'payment.document_mismatch',
        'This payment was made for another identity document; credit it with its payment code instead.',
        { paymentCode: command.paymentCode },
      ),
    )
  const { paymentCode, walletId, requestId, creditedAt, method } = command
  return E.right([
    {
      type: 'PaymentCredited',
      paymentCode,
      walletId,
      amount: received.amount,
      method,
      requestId,
      creditedAt,
    },
  ])
}

const isRecordable = recordable('payment', PaymentEvent.types)

export const decide = (command: PaymentCommand, state: PaymentState): Decision => {
  switch (command.type) {
    case 'ReceivePayment':
      return pipe(
        checkAmount('payment', command.amount),
        E.chain(() => receive(command, state)),
        E.chain(isRecordable),
      )
    case 'CreditPayment':
      return pipe(credit(command, state), E.chain(isRecordable))
  }
}
