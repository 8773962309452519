import { type CabinetContext, type DomainError, domainError } from '@imtahan/domain'
import * as E from 'fp-ts/lib/Either.js'
import { type CommandResult, handleCommand } from '../command/handle.js'
import { type LoadedStream, loadStream } from '../command/load.js'
import { randomId } from '../ids.js'
import { defaultPasswordStrength } from '../ports/password-strength.js'
import type { EventContext } from '../store/port.js'
import type { Actor, Call } from './api.js'
import { DEFAULT_IMTAHAN_POLICY, type ImtahanDeps, type ImtahanPolicy } from './deps.js'
import type { Aggregate } from './streams.js'

export type RunOptions = {
  /** The caller, for the events' metadata; processes pass `principal` instead. */
  readonly call?: Call
  readonly principal?: string
  readonly causationId?: string
  /** Makes the command idempotent by deterministic event ids (see `handleCommand`). */
  readonly commandId?: string
  readonly maxRetries?: number
}

/** The resolved dependencies plus the few helpers every use case needs. */
export type Env = Omit<ImtahanDeps, 'policy' | 'newId' | 'checkpoints'> & {
  readonly policy: ImtahanPolicy
  readonly newId: () => string
  readonly cabinetContext: () => CabinetContext
  readonly run: <Command, Event, State, Context>(
    aggregate: Aggregate<Command, Event, State, Context>,
    id: string,
    command: Command,
    context: Context,
    options?: RunOptions,
  ) => Promise<E.Either<DomainError, CommandResult<Event>>>
  readonly load: <Event, State>(
    aggregate: Aggregate<never, Event, State, never>,
    id: string,
  ) => Promise<LoadedStream<Event, State>>
}

/** How an actor is named in event metadata: ids only, never personal data. */
export const principalOf = (actor: Actor): string => {
  switch (actor.kind) {
    case 'cabinet':
      return `cabinet:${actor.cabinetId}`
    case 'system':
      return `system:${actor.name}`
    default:
      return actor.kind
  }
}

const eventContextOf = (options: RunOptions): EventContext => {
  const principal = options.principal ?? (options.call ? principalOf(options.call.actor) : undefined)
  const correlationId = options.call?.correlationId
  return {
    ...(principal === undefined ? {} : { principal }),
    ...(correlationId === undefined ? {} : { correlationId }),
    ...(options.causationId === undefined ? {} : { causationId: options.causationId }),
  }
}

export const createEnv = (deps: ImtahanDeps): Env => {
  const { policy, newId, checkpoints: _, ...ports } = deps
  const resolved: ImtahanPolicy = { ...DEFAULT_IMTAHAN_POLICY, ...policy }
  const passwordStrength = deps.passwordStrength ?? defaultPasswordStrength()
  return {
    ...ports,
    policy: resolved,
    newId: newId ?? randomId,
    cabinetContext: () => ({
      now: deps.clock.now(),
      policy: resolved.cabinet,
      verifyCode: (code, codeHash) => deps.codeHasher.verify(code, codeHash),
      passwordStrength,
    }),
    run: (aggregate, id, command, context, options = {}) =>
      handleCommand({
        store: deps.store,
        decider: aggregate.decider,
        codec: aggregate.codec,
        streamId: aggregate.streamOf(id),
        command,
        context,
        eventContext: eventContextOf(options),
        ...(options.commandId === undefined ? {} : { commandId: options.commandId }),
        ...(options.maxRetries === undefined ? {} : { maxRetries: options.maxRetries }),
      }),
    load: (aggregate, id) =>
      loadStream(deps.store, aggregate.decider, aggregate.codec, aggregate.streamOf(id)),
  }
}

/** A cabinet may act only on itself; other actors (registration, staff, system) are the HTTP layer's concern. */
export const checkActor = (call: Call, cabinetId: string): E.Either<DomainError, void> =>
  call.actor.kind === 'cabinet' && call.actor.cabinetId !== cabinetId.toLowerCase()
    ? E.left(domainError('auth.forbidden', 'You can act only on your own cabinet.'))
    : E.right(undefined)
