import { auditMoney, Money, type MoneyEvent, type MoneyViolation } from '@imtahan/domain'
import { PAYMENT, TRANSFER, WALLET } from '../../application/shared/streams.js'
import { foldCheck } from '../check.js'
import type { Finding } from '../finding.js'

const MONEY_CATEGORIES = new Set(['wallet', 'payment', 'transfer'])

/** The stream a violation is about, from the ids in its details (the domain reports ids, not streams). */
const streamOf = (details: Readonly<Record<string, unknown>>): string | undefined => {
  const nested = details.event as { walletId?: unknown } | undefined
  const walletId = details.walletId ?? nested?.walletId
  if (typeof walletId === 'string') return WALLET.streamOf(walletId)
  if (typeof details.paymentCode === 'string') return PAYMENT.streamOf(details.paymentCode)
  if (typeof details.transferId === 'string') return TRANSFER.streamOf(details.transferId)
  return undefined
}

/** The ids a violation names besides its stream, so the auditor can follow the money. */
const alsoNamed = (details: Readonly<Record<string, unknown>>, streamId: string | undefined): string => {
  const ids = [
    ['payment code', details.paymentCode, PAYMENT.streamOf],
    ['transfer', details.transferId, TRANSFER.streamOf],
  ] as const
  const named = ids.flatMap(([what, id, stream]) =>
    typeof id === 'string' && stream(id) !== streamId ? [`${what} ${id}`] : [],
  )
  return named.length === 0 ? '' : ` (${named.join(', ')})`
}

const findingOf = (violation: MoneyViolation): Finding => {
  const streamId = streamOf(violation.details)
  const message = `${violation.message}${alsoNamed(violation.details, streamId)}`
  return {
    check: 'money',
    problem: violation.rule === 'WAL-6' ? 'balance' : violation.rule === 'PAY-4' ? 'payment' : 'transfer',
    rule: violation.rule,
    ...(streamId === undefined ? {} : { streamId }),
    message: streamId === undefined ? message : `${streamId}: ${message}`,
  }
}

/**
 * WAL-6, PAY-4 and WAL-5 with the domain's own `auditMoney`, fed the decoded
 * money events in global order. The fold needs the whole money history at the
 * end (it sums what is still in flight), so the money events — not the
 * others — are kept in memory for the length of the audit.
 */
export const moneyCheck = foldCheck({
  name: 'money',
  title:
    'WAL-6: no balance below zero, every balance = credits − debits, Σ balances + in flight = credited − fees; ' +
    'PAY-4: each payment code credited once, to one account; WAL-5: each transfer settled once',
  initial: () => ({ events: [] as MoneyEvent[], received: Money.zero, receivedCount: 0 }),
  step: (state, { decoded }) => {
    if (decoded.kind !== 'decoded' || !MONEY_CATEGORIES.has(decoded.category)) return state
    const event = decoded.event as MoneyEvent
    state.events.push(event)
    if (event.type === 'PaymentReceived') {
      state.received = Money.add(state.received, event.amount)
      state.receivedCount += 1
    }
    return state
  },
  finish: ({ events, received, receivedCount }) => {
    const { violations, totals } = auditMoney(events)
    const balances = [...totals.balances.values()]
    const inFlight = Money.add(totals.transfersInFlight, totals.topUpsInFlight)
    const held = Money.add(Money.sum(balances), inFlight)
    return {
      findings: violations.map(findingOf),
      totals: {
        moneyEvents: events.length,
        accounts: balances.length,
        paymentsReceived: receivedCount,
        paymentsReceivedAmount: Money.format(received),
        paymentsCredited: Money.format(totals.paymentsCredited),
        paymentsUnclaimed: Money.format(Money.subtract(received, totals.paymentsCredited)),
        feesCharged: Money.format(totals.feesCharged),
        balancesTotal: Money.format(Money.sum(balances)),
        transfersInFlight: Money.format(totals.transfersInFlight),
        topUpsInFlight: Money.format(totals.topUpsInFlight),
        'held (balances + in flight)': Money.format(held),
        'owed (credited − fees)': Money.format(Money.subtract(totals.paymentsCredited, totals.feesCharged)),
      },
    }
  },
})
