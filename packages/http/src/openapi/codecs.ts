import {
  CabinetNumber,
  DocumentNumber,
  documentSeriesCodec,
  Email,
  Fin,
  Id,
  Instant,
  Label,
  LocalDate,
  MoneyFromString,
  PaymentCode,
  PhoneNumber,
  PositiveMoney,
} from '@imtahan/domain'
import * as t from 'io-ts'
import { describeCodec, type JsonSchema } from './json-schema.js'

/**
 * The edge decodes requests with the domain's own codecs, so a route's
 * handler and the use case behind it get typed values and nothing decodes
 * twice. `documented` gives a domain codec the description and example the
 * document shows for one field: a copy with the same name and the same
 * decoding, so what is documented is what is decoded.
 */
export const documented = <A, O>(codec: t.Type<A, O, unknown>, schema: JsonSchema) =>
  describeCodec(new t.Type<A, O, unknown>(codec.name, codec.is, codec.validate, codec.encode), schema)

/** A plain string in a response (an answer field the server writes, never decoded from a person). */
export const text = (description: string, example: string, extra: JsonSchema = {}) =>
  documented(t.string, { type: 'string', description, example, ...extra })

const MONEY_PATTERN = '^(0|[1-9]\\d{0,14})(\\.\\d{1,2})?$'

export const money = documented(MoneyFromString, {
  type: 'string',
  pattern: MONEY_PATTERN,
  description: 'AZN',
  example: '12.50',
})
export const instant = documented(Instant, {
  type: 'string',
  format: 'date-time',
  example: '2026-05-20T08:00:00.000Z',
})
export const localDate = documented(LocalDate, { type: 'string', format: 'date', example: '1998-03-14' })

const string = (description: string, example: string, extra: JsonSchema = {}): JsonSchema => ({
  type: 'string',
  description,
  example,
  ...extra,
})

export const cabinetNumberInput = (description: string, example: string) =>
  documented(CabinetNumber, string(description, example))
export const paymentCodeInput = documented(
  PaymentCode,
  string('Payment code as issued by the provider', 'PAY-2026-000123'),
)
export const finInput = documented(
  Fin,
  string('FIN: 7 characters, capital letters and digits, never I or O', '5ZK7P2Q'),
)
export const phoneInput = (description: string, example: string) =>
  documented(PhoneNumber, string(description, example))
export const emailInput = (description: string) =>
  documented(Email, string(description, 'rashad@example.az', { format: 'email' }))
export const documentNumberInput = (description: string, example: string) =>
  documented(DocumentNumber, string(description, example))
/** CAB-1: the operator's list of series, as configured. */
export const documentSeriesInput = (description: string, allowed: readonly string[]) =>
  documented(documentSeriesCodec(allowed), string(description, allowed[0] ?? 'AZE', { enum: [...allowed] }))
export const labelInput = (description: string, example: string) =>
  documented(Label, string(description, example, { maxLength: 200 }))
export const idInput = (description: string, example: string) => documented(Id, string(description, example))
export const amountInput = (description: string, example: string) =>
  documented(MoneyFromString, string(description, example, { pattern: MONEY_PATTERN }))
export const positiveAmountInput = (description: string, example: string) =>
  documented(PositiveMoney, string(description, example, { pattern: MONEY_PATTERN }))
export const instantInput = (description: string, example: string) =>
  documented(Instant, string(description, example, { format: 'date-time' }))

type Maybe<O extends t.Props> = { [K in keyof O]: t.UnionC<[O[K], t.UndefinedC]> }

/**
 * An object with required and optional members. Exact: encoding drops what
 * the response does not declare (a view's internal bookkeeping).
 */
export const object = <P extends t.Props, O extends t.Props = Record<never, t.Mixed>>(
  name: string,
  required: P,
  optional?: O,
) => {
  const maybe = Object.fromEntries(
    Object.entries(optional ?? {}).map(([key, codec]) => [key, t.union([codec, t.undefined])]),
  ) as unknown as Maybe<O>
  return t.exact(t.intersection([t.type(required), t.partial(maybe)]), name)
}

export const cabinetNumber = text('8-digit cabinet number', '10000016')
export const cabinetId = text(
  'The cabinet id (a UUID); not personal data',
  '6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b',
)
export const paymentCode = text('Payment code as issued by the provider', 'PAY-2026-000123')

export const Person = object('Person', {
  surname: t.string,
  name: t.string,
  patronymic: t.string,
  birthDate: localDate,
})

export const Document = object('Document', {
  series: text('Series from the list (AZE, AA, MYI, DYI by default)', 'AZE'),
  number: text('Document number as printed', '12345678'),
  issuedOn: localDate,
  expiresOn: localDate,
})

export const CabinetOverview = object(
  'CabinetOverview',
  {
    cabinetId,
    stage: t.union([t.literal('registering'), t.literal('completed')]),
    person: Person,
    documents: object('Documents', { current: Document, history: t.readonlyArray(Document) }),
    phone: object(
      'Phones',
      {},
      {
        confirmed: text('Confirmed mobile number: codes go here', '+994501234567'),
        pending: text('A new number waiting for its code', '+994551112233'),
      },
    ),
    startedAt: instant,
  },
  { cabinetNumber, email: text('E-mail', 'rashad@example.az'), completedAt: instant },
)

const line = { amount: money, at: instant }
export const TopUp = object('TopUp', { paymentCode, ...line })
export const Spending = object('Spending', {
  chargeId: t.string,
  service: t.string,
  purpose: text('What the money paid for', 'Civil service test, May 2026'),
  ...line,
})
export const TransferOut = object('TransferOut', {
  transferId: t.string,
  toCabinetNumber: cabinetNumber,
  ...line,
})
export const TransferIn = object('TransferIn', {
  transferId: t.string,
  fromCabinetNumber: cabinetNumber,
  ...line,
})
export const Refund = object('Refund', { transferId: t.string, ...line })

export const AccountStatement = object(
  'AccountStatement',
  {
    balance: money,
    topUps: t.readonlyArray(TopUp),
    spendings: t.readonlyArray(Spending),
    transfersOut: t.readonlyArray(TransferOut),
    transfersIn: t.readonlyArray(TransferIn),
    refunds: t.readonlyArray(Refund),
  },
  { cabinetNumber },
)

export const UnclaimedPayment = object('UnclaimedPayment', {
  paymentCode,
  amount: money,
  paidAt: instant,
  documentNumber: text('The document number the payer stated (the owner’s own)', '12345678'),
})

export const TransferAnswer = object('TransferAnswer', {
  transferId: t.string,
  status: t.union([
    t.literal('requested'),
    t.literal('completed'),
    t.literal('failed'),
    t.literal('returned'),
  ]),
  amount: text('AZN', '25.00'),
  toCabinetNumber: cabinetNumber,
  balance: text('The sender’s balance after the transfer, AZN', '30.00'),
})
