import { Money } from '../kernel/money.js'
import type { PaymentCredited, PaymentEvent } from '../payment/events.js'
import type { TransferEvent } from '../transfer/events.js'
import { isDebit, isDecline, isMovement, type WalletEvent, type WalletMovement } from '../wallet/events.js'

export type MoneyEvent = WalletEvent | PaymentEvent | TransferEvent

export type MoneyViolation = {
  readonly rule: 'WAL-5' | 'WAL-6' | 'PAY-4'
  readonly message: string
  readonly details: Readonly<Record<string, unknown>>
}

export type MoneyTotals = {
  readonly balances: ReadonlyMap<string, Money>
  /** Debited from a sender, neither credited to the recipient nor refunded yet. */
  readonly transfersInFlight: Money
  /** Credited on the payment stream, not yet topped up in the wallet. */
  readonly topUpsInFlight: Money
  readonly paymentsCredited: Money
  readonly feesCharged: Money
}

type Flow = { debited?: Money; credited?: Money; refunded?: Money }
type PaymentTrail = { received?: Money; credited?: PaymentCredited; toppedUp: boolean }

/**
 * WAL-6 from the events alone, in their global order: no balance below zero;
 * each recorded balance equals the previous one plus credits minus debits;
 * Σ balances + money in flight = Σ payments credited − Σ fees. Also checks
 * PAY-4 (a code credited and topped up once) and WAL-5 (each transfer debited
 * once and then credited or refunded once, for the same amount).
 */
export const auditMoney = (
  events: readonly MoneyEvent[],
): { readonly violations: readonly MoneyViolation[]; readonly totals: MoneyTotals } => {
  const violations: MoneyViolation[] = []
  const report = (rule: MoneyViolation['rule'], message: string, details: Record<string, unknown>) =>
    violations.push({ rule, message, details })
  const balances = new Map<string, Money>()
  const payments = new Map<string, PaymentTrail>()
  const flows = new Map<string, Flow>()
  let fees = Money.zero

  const trailOf = (code: string): PaymentTrail => payments.get(code) ?? { toppedUp: false }

  const move = (event: WalletMovement) => {
    const before = balances.get(event.walletId)
    if (before === undefined) report('WAL-6', 'Money moved on an account that was never opened.', { event })
    const after = (isDebit(event) ? Money.subtract : Money.add)(before ?? Money.zero, event.amount)
    if (!Money.equals(after, event.balance))
      report(
        'WAL-6',
        `Recorded balance ${Money.format(event.balance)} ≠ credits − debits ${Money.format(after)}.`,
        {
          walletId: event.walletId,
          event: event.type,
        },
      )
    if (Money.isNegative(after))
      report('WAL-6', `Balance went below zero: ${Money.format(after)}.`, { walletId: event.walletId })
    balances.set(event.walletId, after)
  }

  const topUp = (walletId: string, code: string, amount: Money) => {
    const trail = trailOf(code)
    if (trail.toppedUp) report('PAY-4', 'A payment code was topped up twice.', { paymentCode: code })
    if (trail.credited?.walletId !== walletId || !Money.equals(trail.credited.amount, amount))
      report('PAY-4', 'A top-up does not match the crediting of its payment code.', {
        paymentCode: code,
        walletId,
      })
    payments.set(code, { ...trail, toppedUp: true })
  }

  const credit = (event: PaymentCredited) => {
    const trail = trailOf(event.paymentCode)
    if (trail.credited !== undefined)
      report('PAY-4', 'A payment code was credited twice.', { paymentCode: event.paymentCode })
    if (trail.received === undefined || !Money.equals(trail.received, event.amount))
      report('PAY-4', 'A credited amount differs from the payment received.', {
        paymentCode: event.paymentCode,
      })
    payments.set(event.paymentCode, { ...trail, credited: trail.credited ?? event })
  }

  const settle = (transferId: string, how: 'credited' | 'refunded', amount: Money) => {
    const flow = flows.get(transferId) ?? {}
    if (flow.debited === undefined || !Money.equals(flow.debited, amount))
      report('WAL-5', `A transfer was ${how} without a matching debit.`, { transferId })
    if (flow.credited !== undefined || flow.refunded !== undefined)
      report('WAL-5', `A transfer was settled twice (now ${how}).`, { transferId })
    flows.set(transferId, { ...flow, [how]: amount })
  }

  for (const event of events) {
    if (event.type === 'WalletOpened' && !balances.has(event.walletId))
      balances.set(event.walletId, Money.zero)
    if (event.type === 'PaymentReceived')
      payments.set(event.paymentCode, { ...trailOf(event.paymentCode), received: event.amount })
    if (event.type === 'PaymentCredited') credit(event)
    if (isDecline(event)) continue
    if (!('balance' in event) || !isMovement(event)) continue
    move(event)
    if (event.type === 'TopUpCredited') topUp(event.walletId, event.paymentCode, event.amount)
    if (event.type === 'FeeCharged') fees = Money.add(fees, event.amount)
    if (event.type === 'TransferCredited') settle(event.transferId, 'credited', event.amount)
    if (event.type === 'TransferRefunded') settle(event.transferId, 'refunded', event.amount)
    if (event.type === 'TransferDebited') {
      if (flows.has(event.transferId)) report('WAL-5', 'A transfer was debited twice.', event)
      flows.set(event.transferId, { debited: event.amount })
    }
  }

  const settled = (flow: Flow) => flow.credited !== undefined || flow.refunded !== undefined
  const totals: MoneyTotals = {
    balances,
    transfersInFlight: Money.sum(
      [...flows.values()].flatMap((f) => (settled(f) ? [] : [f.debited ?? Money.zero])),
    ),
    topUpsInFlight: Money.sum(
      [...payments.values()].flatMap((p) => (p.credited && !p.toppedUp ? [p.credited.amount] : [])),
    ),
    paymentsCredited: Money.sum(
      [...payments.values()].flatMap((p) => (p.credited ? [p.credited.amount] : [])),
    ),
    feesCharged: fees,
  }
  const held = Money.sum([...balances.values(), totals.transfersInFlight, totals.topUpsInFlight])
  const owed = Money.subtract(totals.paymentsCredited, totals.feesCharged)
  if (!Money.equals(held, owed))
    report(
      'WAL-6',
      `Balances plus money in flight are ${Money.format(held)}, but payments minus fees are ${Money.format(owed)}.`,
      {
        held: Money.format(held),
        owed: Money.format(owed),
      },
    )
  return { violations, totals }
}

/** WAL-6 for the audit: an empty list means the money is right. */
export const checkMoneyInvariants = (events: readonly MoneyEvent[]): readonly MoneyViolation[] =>
  auditMoney(events).violations
