import {
  DEFAULT_DOCUMENT_SERIES,
  type DomainError,
  decodeWith,
  type MoneyEvent,
  PaymentEvent,
  TransferEvent,
  WalletEvent,
} from '@imtahan/domain'
import * as E from 'fp-ts/lib/Either.js'
import type * as t from 'io-ts'
import { expect } from 'vitest'
import { PaymentNotice } from '../../../src/application/account/inputs.js'
import {
  ContactsInput,
  PasswordInput,
  PhoneCodeInput,
  registrationInput,
} from '../../../src/application/cabinet/input.js'
import { createImtahan } from '../../../src/application/facade.js'
import type { Imtahan } from '../../../src/application/imtahan.js'
import type { Call } from '../../../src/application/shared/caller.js'
import type { ImtahanDeps } from '../../../src/application/shared/deps.js'
import { decodeRecorded, type EventCodec } from '../../../src/command/codec.js'
import { createTestClock } from '../../../src/ports/clock.js'
import { createHmacCodeHasher } from '../../../src/ports/code-hasher.js'
import { createFinFingerprint } from '../../../src/ports/fin-fingerprint.js'
import { createFixtureRegistry } from '../../../src/ports/fixture-registry.js'
import { createScryptPasswordHasher } from '../../../src/ports/password-hasher.js'
import { createDevSmsSender, type DevSmsSender } from '../../../src/ports/sms.js'
import { createMemoryEventStore } from '../../../src/store/memory.js'
import type { EventStore } from '../../../src/store/port.js'

export const anonymous: Call = { caller: { kind: 'anonymous' } }
export const provider: Call = { caller: { kind: 'payment_provider' } }
export const asCabinet = (cabinetId: string, idempotencyKey?: string): Call => ({
  caller: { kind: 'cabinet', cabinetId },
  ...(idempotencyKey === undefined ? {} : { idempotencyKey }),
})

/** The facade over `store` with dev ports; a cheap scrypt cost keeps the tests fast. */
export const makeApp = (store: EventStore = createMemoryEventStore(), extra: Partial<ImtahanDeps> = {}) => {
  const sms = createDevSmsSender()
  const clock = createTestClock()
  const deps: ImtahanDeps = {
    store,
    registry: createFixtureRegistry(),
    sms,
    passwordHasher: createScryptPasswordHasher({ N: 2 ** 10, r: 8, p: 1 }),
    codeHasher: createHmacCodeHasher('test code secret, 32 bytes long!'),
    finFingerprint: createFinFingerprint('test FIN secret, 32 bytes long!!'),
    clock,
    ...extra,
  }
  return { app: createImtahan(deps), sms, clock, store, deps }
}

export type TestApp = ReturnType<typeof makeApp>

export const ok = <A>(result: E.Either<DomainError, A>): A => {
  if (E.isLeft(result)) throw new Error(`expected success, got ${result.left.code}: ${result.left.message}`)
  return result.right
}

export const refusal = (result: E.Either<DomainError, unknown>): string => {
  if (E.isRight(result)) throw new Error('expected a refusal, got success')
  return result.left.code
}

/** The 6-digit code the dev SMS sender last delivered to `phone` (E.164). */
export const codeSentTo = (sms: DevSmsSender, phone: string): string => {
  const code = /\b(\d{6})\b/.exec(sms.lastMessageTo(phone) ?? '')?.[1]
  if (code === undefined) throw new Error('no code was sent to this number')
  return code
}

export type Person = {
  readonly fin: string
  readonly document: { readonly series: string; readonly number: string }
  readonly phone: string
  readonly password: string
}

/** The generated registry person DEVnnnn (docs/fixtures.md) with a phone of their own. */
export const devPerson = (n: number): Person => {
  const digits = String(n).padStart(4, '0')
  return {
    fin: `DEV${digits}`,
    document: { series: 'AZE', number: `1000${digits}` },
    phone: `+99450${String(n).padStart(7, '0')}`,
    password: `Kitab-${digits}-yay`,
  }
}

/**
 * A test types what a person would and decodes it here, as an edge does
 * (HTTP, the CLI): the use cases take decoded values. A typo throws.
 */
export const typed = <A, O>(codec: t.Type<A, O, unknown>, raw: unknown): A => {
  const decoded = decodeWith(codec)(raw)
  if (E.isLeft(decoded)) throw new Error(decoded.left.message)
  return decoded.right
}

/** CAB-1 with the default policy's document series. */
export const registration = registrationInput(DEFAULT_DOCUMENT_SERIES)

/** CAB-1…CAB-7 through the facade: start, contacts, the code from the SMS, password. */
export const register = async ({ app, sms }: Pick<TestApp, 'app' | 'sms'>, person: Person) => {
  const { cabinetId } = ok(
    await app.cabinets.startRegistration(
      typed(registration, { document: person.document, fin: person.fin }),
      anonymous,
    ),
  )
  ok(await app.cabinets.setContacts(cabinetId, typed(ContactsInput, { phone: person.phone }), anonymous))
  ok(
    await app.cabinets.confirmPhone(
      cabinetId,
      typed(PhoneCodeInput, { code: codeSentTo(sms, person.phone) }),
      anonymous,
    ),
  )
  return ok(
    await app.cabinets.completeRegistration(
      cabinetId,
      typed(PasswordInput, { password: person.password }),
      anonymous,
    ),
  )
}

let paymentSerial = 0
/** PAY-1: the provider's feed delivers a payment; returns its code. */
export const pay = async (app: Imtahan, documentNumber: string, amount: string, code?: string) => {
  paymentSerial += 1
  const paymentCode = code ?? `PAY-${process.pid}-${Date.now() % 100000}-${paymentSerial}`
  const notice = {
    paymentCode,
    amount,
    documentNumber,
    paidAt: '2026-05-20T07:00:00Z',
    providerReference: `ref-${paymentSerial}`,
  }
  ok(await app.payments.receive(typed(PaymentNotice, notice), provider))
  return paymentCode
}

const moneyCodecs: ReadonlyArray<readonly [string, EventCodec<MoneyEvent>]> = [
  ['wallet-', WalletEvent as EventCodec<MoneyEvent>],
  ['payment-', PaymentEvent as EventCodec<MoneyEvent>],
  ['transfer-', TransferEvent as EventCodec<MoneyEvent>],
]

/** Every money event of the store, decoded, in global order: the input of WAL-6. */
export const moneyEvents = async (store: EventStore): Promise<MoneyEvent[]> =>
  (await store.readAll()).flatMap((recorded) => {
    const codec = moneyCodecs.find(([prefix]) => recorded.streamId.startsWith(prefix))?.[1]
    return codec === undefined ? [] : [decodeRecorded(codec, recorded)]
  })

export const balanceOf = async (app: Imtahan, cabinetId: string): Promise<string> => {
  const statement = ok(await app.accounts.statement(cabinetId, asCabinet(cabinetId)))
  return statement.balance.amount.toFixed(2)
}

/** Runs `action` and checks it appended nothing at all. */
export const changesNothing = async (store: EventStore, action: () => Promise<unknown>) => {
  const before = (await store.readAll()).length
  await action()
  expect((await store.readAll()).length).toBe(before)
}
