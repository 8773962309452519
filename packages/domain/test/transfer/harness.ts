import * as E from 'fp-ts/lib/Either.js'
import {
  type Decider,
  type DomainError,
  fold,
  type MoneyEvent,
  type ProcessCommand,
  paymentDecider,
  paymentProcess,
  transferDecider,
  transferProcess,
  walletDecider,
} from '../../src/index.js'

/**
 * A tiny in-memory world for the money aggregates: streams in a map,
 * fold → decide → append, a global log in append order, and the commands the
 * processes ask for kept in a queue that the test delivers in any order, as
 * often as it likes. Not an event store: no versions, no concurrency.
 */
export const createWorld = () => {
  const log: MoneyEvent[] = []
  const pending: ProcessCommand[] = []
  const react = (event: MoneyEvent): readonly ProcessCommand[] =>
    event.type === 'PaymentReceived' || event.type === 'PaymentCredited'
      ? paymentProcess(event)
      : transferProcess(event)

  const aggregate = <C, Ev extends MoneyEvent, S, Ctx>(prefix: string, decider: Decider<C, Ev, S, Ctx>) => {
    const streams = new Map<string, Ev[]>()
    return {
      state: (id: string): S => fold(decider, streams.get(`${prefix}-${id}`) ?? []),
      events: (id: string): readonly Ev[] => streams.get(`${prefix}-${id}`) ?? [],
      handle: (id: string, command: C, context: Ctx): E.Either<DomainError, readonly Ev[]> => {
        const key = `${prefix}-${id}`
        const history = streams.get(key) ?? []
        const decision = decider.decide(command, fold(decider, history), context)
        if (E.isRight(decision)) {
          streams.set(key, [...history, ...decision.right])
          log.push(...decision.right)
          pending.push(...decision.right.flatMap(react))
        }
        return decision
      },
    }
  }

  const wallets = aggregate('wallet', walletDecider)
  const payments = aggregate('payment', paymentDecider)
  const transfers = aggregate('transfer', transferDecider)

  const deliver = (routed: ProcessCommand) =>
    routed.to === 'wallet'
      ? wallets.handle(routed.streamId, routed.command, undefined)
      : transfers.handle(routed.streamId, routed.command, {})

  /** Delivers pending commands in the order `pick` chooses until none is left. */
  const settle = (pick: (size: number) => number = () => 0) => {
    const refusals: DomainError[] = []
    while (pending.length > 0) {
      const [routed] = pending.splice(pick(pending.length), 1)
      if (routed === undefined) break
      const outcome = deliver(routed)
      if (E.isLeft(outcome)) refusals.push(outcome.left)
    }
    return refusals
  }

  return { log, pending, wallets, payments, transfers, deliver, settle }
}

export type World = ReturnType<typeof createWorld>
