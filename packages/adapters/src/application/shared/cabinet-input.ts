import { CabinetId, type DomainError, decodeWith } from '@imtahan/domain'
import * as E from 'fp-ts/lib/Either.js'
import * as t from 'io-ts'
import { type Call, checkActor } from './caller.js'

/**
 * Raw input of a use case about one cabinet: the cabinet id is decoded with
 * the rest, so every problem is listed in one `validation.invalid_input`, and
 * a cabinet actor may only touch its own cabinet.
 */
export const decodeCabinetInput = <P extends t.Props>(props: P) => {
  type Decoded = t.TypeOf<t.TypeC<P>> & { readonly cabinetId: CabinetId }
  const codec = t.intersection([t.type({ cabinetId: CabinetId }), t.type(props)]) as t.Type<Decoded, unknown>
  return (cabinetId: string, input: object, call: Call): E.Either<DomainError, Decoded> =>
    E.chainFirst((_: Decoded) => checkActor(call, cabinetId))(decodeWith(codec)({ ...input, cabinetId }))
}
