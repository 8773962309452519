import { CabinetNumber, DocumentNumber, documentSeriesCodec, Fin } from '@imtahan/domain'
import * as E from 'fp-ts/lib/Either.js'
import * as t from 'io-ts'

/** CAB-1/CAB-8: series from the operator's list, number as printed. */
export const documentCodec = (allowedSeries: readonly string[]) =>
  t.type({ series: documentSeriesCodec(allowedSeries), number: DocumentNumber }, 'IdentityDocument')

/** Sign-in and recovery accept the cabinet number or the FIN (they cannot be confused: 8 digits vs 7). */
export type Login =
  | { readonly kind: 'number'; readonly number: CabinetNumber }
  | { readonly kind: 'fin'; readonly fin: Fin }

export const Login = new t.Type<Login, string, unknown>(
  'Login',
  (u): u is Login => typeof u === 'object' && u !== null && 'kind' in u,
  (input, context) => {
    const number = CabinetNumber.decode(input)
    if (E.isRight(number)) return t.success({ kind: 'number', number: number.right })
    const fin = Fin.decode(input)
    if (E.isRight(fin)) return t.success({ kind: 'fin', fin: fin.right })
    return t.failure(input, context, 'sign in with your 8-digit cabinet number or your 7-character FIN')
  },
  (login) => (login.kind === 'number' ? login.number : login.fin),
)

/** An optional field: absent and `undefined` both mean "not given". */
export const optional = <C extends t.Mixed>(codec: C) => t.union([codec, t.undefined])
