import type { CabinetContext } from '@imtahan/domain'
import { type CommandResult, handleCommand } from '../../command/handle.js'
import { type LoadedStream, loadStream } from '../../command/load.js'
import { randomId } from '../../ids.js'
import { defaultPasswordStrength } from '../../ports/password-strength.js'
import { type Call, eventContextOf } from './caller.js'
import { type CodesPerNumber, memoryCodesPerNumber } from './codes-per-number.js'
import { DEFAULT_IMTAHAN_POLICY, type ImtahanDeps, type ImtahanPolicy } from './deps.js'
import type { Result } from './result.js'
import type { Aggregate } from './streams.js'
import type { Views } from './views.js'

export type RunOptions = {
  /** The call, for the events' metadata; none for bookkeeping streams (the number allocator). */
  readonly call?: Call
  readonly causationId?: string
  /** Makes the command idempotent by deterministic event ids (see `handleCommand`). */
  readonly commandId?: string
  readonly maxRetries?: number
}

/** The resolved dependencies plus the few helpers every use case needs. */
export type Env = Omit<
  ImtahanDeps,
  | 'policy'
  | 'newId'
  | 'checkpoints'
  | 'exam'
  | 'appeals'
  | 'calendar'
  | 'readModels'
  | 'leases'
  | 'codesPerNumber'
> & {
  readonly policy: ImtahanPolicy
  readonly codesPerNumber: CodesPerNumber
  readonly newId: () => string
  readonly cabinetContext: () => CabinetContext
  /** The persisted read models (shared/views.ts). */
  readonly views: Views
  /** One command through `handleCommand`, on the aggregate's stream for `id`. */
  readonly run: <Command, Event, State, Context>(
    aggregate: Aggregate<Command, Event, State, Context>,
    id: string,
    command: Command,
    context: Context,
    options?: RunOptions,
  ) => Result<CommandResult<Event>>
  readonly load: <Event, State>(
    aggregate: Aggregate<never, Event, State, never>,
    id: string,
  ) => Promise<LoadedStream<Event, State>>
}

export const createEnv = (deps: ImtahanDeps, views: Views): Env => {
  const {
    policy,
    newId,
    checkpoints: _,
    exam: _exam,
    appeals: _appeals,
    calendar: _calendar,
    readModels: _readModels,
    leases: _leases,
    codesPerNumber,
    ...ports
  } = deps
  const resolved: ImtahanPolicy = { ...DEFAULT_IMTAHAN_POLICY, ...policy }
  const passwordStrength = deps.passwordStrength ?? defaultPasswordStrength()
  return {
    ...ports,
    policy: resolved,
    codesPerNumber: codesPerNumber ?? memoryCodesPerNumber(),
    views,
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
        eventContext: eventContextOf(options.call, options.causationId),
        ...(options.commandId === undefined ? {} : { commandId: options.commandId }),
        ...(options.maxRetries === undefined ? {} : { maxRetries: options.maxRetries }),
      }),
    load: (aggregate, id) =>
      loadStream(deps.store, aggregate.decider, aggregate.codec, aggregate.streamOf(id)),
  }
}
