import {
  type CabinetCommand,
  type CabinetEvent,
  type CabinetId,
  type DomainError,
  refusalIn,
} from '@imtahan/domain'
import * as E from 'fp-ts/lib/Either.js'
import type { Call } from '../shared/caller.js'
import type { Env } from '../shared/env.js'
import { CABINET } from '../shared/streams.js'

/**
 * Runs a cabinet command. A recorded wrong code (`refusalIn`) is appended
 * and then answered as the refusal it is, so the limit on tries holds.
 */
export const onCabinet = async (
  env: Env,
  cabinetId: CabinetId,
  command: CabinetCommand,
  call: Call,
): Promise<E.Either<DomainError, readonly CabinetEvent[]>> => {
  const decided = await env.run(CABINET, cabinetId, command, env.cabinetContext(), { call })
  if (E.isLeft(decided)) return decided
  const refusal = refusalIn(decided.right.events)
  return refusal === undefined ? E.right(decided.right.events) : E.left(refusal)
}
