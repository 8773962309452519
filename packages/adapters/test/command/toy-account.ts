import { type Decider, type DomainError, domainError } from '@imtahan/domain'
import * as E from 'fp-ts/lib/Either.js'
import * as t from 'io-ts'
import type { EventCodec } from '../../src/command/index.js'

/**
 * A toy account for testing generic command handling: each decision depends
 * on the state (no overdraft), and an operation id already applied is a no-op,
 * like the real deciders.
 */
export type AccountCommand =
  | { readonly type: 'Deposit'; readonly opId: string; readonly amount: number }
  | { readonly type: 'Withdraw'; readonly opId: string; readonly amount: number }

const Deposited = t.type({ type: t.literal('Deposited'), opId: t.string, amount: t.number })
const Withdrawn = t.type({ type: t.literal('Withdrawn'), opId: t.string, amount: t.number })
export const AccountEvent = t.union([Deposited, Withdrawn])
export type AccountEvent = t.TypeOf<typeof AccountEvent>
export const accountCodec: EventCodec<AccountEvent> = AccountEvent

export type AccountState = { readonly balance: number; readonly applied: readonly string[] }

export const account: Decider<AccountCommand, AccountEvent, AccountState, void> = {
  initialState: { balance: 0, applied: [] },
  decide: (command, state): E.Either<DomainError, readonly AccountEvent[]> => {
    const { opId, amount } = command
    if (state.applied.includes(opId)) return E.right([])
    if (command.type === 'Deposit') return E.right([{ type: 'Deposited', opId, amount }])
    return amount > state.balance
      ? E.left(domainError('wallet.insufficient_funds', `Only ${state.balance} left; withdraw less.`))
      : E.right([{ type: 'Withdrawn', opId, amount }])
  },
  evolve: (state, event) => ({
    balance: state.balance + (event.type === 'Deposited' ? event.amount : -event.amount),
    applied: [...state.applied, event.opId],
  }),
}

/** A counter that is NOT idempotent by itself: only deterministic event ids protect it. */
const Incremented = t.type({ type: t.literal('Incremented') })
export type CounterEvent = t.TypeOf<typeof Incremented>
export const counterCodec: EventCodec<CounterEvent> = Incremented
export const counter: Decider<'increment', CounterEvent, number, void> = {
  initialState: 0,
  decide: () => E.right([{ type: 'Incremented' }]),
  evolve: (count) => count + 1,
}
