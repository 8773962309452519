import { CabinetId, type DomainError, decodeWith } from '@imtahan/domain'
import * as E from 'fp-ts/lib/Either.js'
import * as t from 'io-ts'
import { type Call, checkActor } from './caller.js'

const CabinetOfCall = t.type({ cabinetId: CabinetId })

/**
 * The cabinet a use case is about. Its id comes from the caller (a token or
 * the CLI), not from a request body, so it is checked here: a cabinet actor
 * may only touch its own cabinet. The rest of the input arrives decoded.
 */
export const ownCabinetId = (cabinetId: string, call: Call): E.Either<DomainError, CabinetId> =>
  E.chainFirst((_: CabinetId) => checkActor(call, cabinetId))(
    E.map((input: t.TypeOf<typeof CabinetOfCall>) => input.cabinetId)(
      decodeWith(CabinetOfCall)({ cabinetId }),
    ),
  )
