import type { Either } from 'fp-ts/lib/Either.js'
import type { DomainError } from './errors.js'

/**
 * An aggregate as a pure decision function (Chassaing's "functional event
 * sourcing decider"). Time, policies and answers of outside systems arrive in
 * `Context` or in the command, so `decide` and `evolve` stay deterministic.
 */
export type Decider<Command, Event, State, Context = void> = {
  readonly initialState: State
  readonly decide: (command: Command, state: State, context: Context) => Either<DomainError, readonly Event[]>
  readonly evolve: (state: State, event: Event) => State
}

/** Folds a history into the state it leaves behind. */
export const fold = <Event, State>(
  decider: Pick<Decider<unknown, Event, State, never>, 'initialState' | 'evolve'>,
  events: readonly Event[],
  from: State = decider.initialState,
): State => events.reduce(decider.evolve, from)
