/**
 * `@imtahan/domain/testing`: decider specifications in the given / when /
 * then style, for any test runner. Every check returns what it checked or
 * throws a plain `Error` whose message shows what was expected and what
 * came instead, so it works with Vitest, Jest, `node:test` or none.
 *
 * ```ts
 * import { walletDecider } from '@imtahan/domain'
 * import { specify } from '@imtahan/domain/testing'
 *
 * specify(walletDecider).given([opened]).when(charge, undefined).thenRefused('wallet.not_open')
 * ```
 *
 * @packageDocumentation
 */
import * as E from 'fp-ts/lib/Either.js'
import { type Decider, fold } from '../kernel/decider.js'
import type { DomainError } from '../kernel/errors.js'
import { canonical } from './canonical.js'

export { canonical } from './canonical.js'

/** What a command decided after a history: check it with `thenEvents` or `thenRefused`. */
export type Outcome<Event, State> = {
  /** The state the history folded to, before the command. */
  readonly state: State
  /** The decision itself, for checks of your own. */
  readonly decision: E.Either<DomainError, readonly Event[]>
  /**
   * The command must succeed with exactly these events (compared by value:
   * key order, `Date` and `Decimal` identity do not matter). Returns them.
   */
  readonly thenEvents: (expected: readonly Event[]) => readonly Event[]
  /**
   * The command must be refused with this code, and with a message a person
   * can act on (not empty). Returns the refusal.
   */
  readonly thenRefused: (code: string) => DomainError
  /** The command must succeed; returns its events, for checks on part of them. */
  readonly events: () => readonly Event[]
}

export type Specification<Command, Event, State, Context> = {
  readonly given: (history: readonly Event[]) => {
    readonly when: (command: Command, context: Context) => Outcome<Event, State>
  }
}

const show = (value: unknown) => canonical(value)

/**
 * Given past events, when a command (with its context), then these events or
 * this refusal. The methods are `thenEvents` / `thenRefused` rather than
 * `then`, so an outcome is never mistaken for a promise when awaited.
 */
export const specify = <Command, Event, State, Context>(
  decider: Decider<Command, Event, State, Context>,
): Specification<Command, Event, State, Context> => ({
  given: (history) => ({
    when: (command, context) => {
      const state = fold(decider, history)
      const decision = decider.decide(command, state, context)
      const events = (): readonly Event[] => {
        if (E.isLeft(decision))
          throw new Error(`Expected the command to succeed, but it was refused:\n${show(decision.left)}`)
        return decision.right
      }
      return {
        state,
        decision,
        events,
        thenEvents: (expected) => {
          const actual = events()
          if (show(actual) !== show(expected))
            throw new Error(
              `Expected the events\n${show(expected)}\nbut the command decided\n${show(actual)}`,
            )
          return actual
        },
        thenRefused: (code) => refused(decision, code),
      }
    },
  }),
})

/** The value of a `Right`; throws an `Error` showing the refusal on a `Left`. */
export const expectRight = <A>(either: E.Either<DomainError, A>): A => {
  if (E.isLeft(either)) throw new Error(`Expected success, but got the refusal:\n${show(either.left)}`)
  return either.right
}

/** The refusal of a `Left` with this code; throws an `Error` on a `Right` or another code. */
export const expectRefused = <A>(either: E.Either<DomainError, A>, code: string): DomainError =>
  refused(either, code)

const refused = <A>(either: E.Either<DomainError, A>, code: string): DomainError => {
  if (E.isRight(either))
    throw new Error(`Expected the refusal ${code}, but the command succeeded with\n${show(either.right)}`)
  if (either.left.code !== code)
    throw new Error(`Expected the refusal ${code}, but got ${either.left.code}:\n${show(either.left)}`)
  if (either.left.message.trim() === '')
    throw new Error(`The refusal ${code} has an empty message; a person cannot act on it.`)
  return either.left
}
