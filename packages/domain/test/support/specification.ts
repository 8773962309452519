import * as E from 'fp-ts/lib/Either.js'
import { expect } from 'vitest'
import { type Decider, type DomainError, fold } from '../../src/index.js'

/**
 * Given/when/then for deciders: `given(past events)` → `when(command, context)`
 * → `then(expected events)` or `thenFails(error code)`. Returns the decision so
 * a test can look closer when it needs to.
 */
export const specification = <Command, Event, State, Context>(
  decider: Decider<Command, Event, State, Context>,
) => ({
  given: (history: readonly Event[]) => ({
    when: (command: Command, context: Context) => {
      const state = fold(decider, history)
      const decision = decider.decide(command, state, context)
      return {
        // biome-ignore lint/suspicious/noThenProperty: given/when/then is the point; this object is never awaited
        then: (expected: readonly Event[]): readonly Event[] => {
          if (E.isLeft(decision))
            throw new Error(`expected events, got error ${JSON.stringify(decision.left)}`)
          expect(decision.right).toEqual(expected)
          return decision.right
        },
        thenFails: (code: string): DomainError => {
          if (E.isRight(decision))
            throw new Error(`expected ${code}, got events ${JSON.stringify(decision.right)}`)
          expect(decision.left.code).toBe(code)
          expect(decision.left.message.length).toBeGreaterThan(10)
          return decision.left
        },
        /** The events, for assertions on part of them (e.g. generated hashes). */
        events: (): readonly Event[] => {
          if (E.isLeft(decision))
            throw new Error(`expected events, got error ${JSON.stringify(decision.left)}`)
          return decision.right
        },
        state,
      }
    },
  }),
})

/** Unwraps a Right or fails the test with the error. */
export const right = <A>(either: E.Either<DomainError, A>): A => {
  if (E.isLeft(either)) throw new Error(`expected success, got ${JSON.stringify(either.left)}`)
  return either.right
}

export const left = <A>(either: E.Either<DomainError, A>): DomainError => {
  if (E.isRight(either)) throw new Error(`expected an error, got ${JSON.stringify(either.right)}`)
  return either.left
}
