import { afterAll, describe, expect, it } from 'vitest'
import {
  ContactsChange,
  ContactsInput,
  LoginInput,
  RecoveryConfirmation,
  RecoveryRequest,
} from '../../../src/application/cabinet/input.js'
import { createMemoryEventStore } from '../../../src/store/memory.js'
import { createPgliteEventStore } from '../../../src/store/pglite/index.js'
import type { EventStore } from '../../../src/store/port.js'
import { createPostgresEventStore } from '../../../src/store/postgres/index.js'
import { DATABASE_URL, dropSchema, freshSchemaName, skipWithoutDatabase } from '../../store/pg-support.js'
import {
  anonymous,
  asCabinet,
  codeSentTo,
  devPerson,
  makeApp,
  ok,
  register,
  registration,
  typed,
} from './support.js'

/**
 * CAB-5: "the code itself is never stored in clear in events". Every code the
 * dev SMS sender delivered — registration, a re-send, a changed number, a
 * password recovery — is looked for in the data and metadata of every stored
 * event, as a digit run of its own (so a longer number that happens to contain
 * it does not count).
 */
const neverInClear = (label: string, openStore: () => Promise<EventStore>, cleanUp?: () => Promise<void>) => {
  const stores: EventStore[] = []
  afterAll(async () => {
    for (const store of stores) await store.close()
    await cleanUp?.()
  })

  it(`CAB-5: no SMS code appears in any stored event after registration, a re-send, a number change and password recovery (${label})`, async () => {
    const store = await openStore()
    stores.push(store)
    const t = makeApp(store)
    const person = devPerson(501)
    const newPhone = '+994557000501'

    // Registration with a re-sent code (CAB-5: no sooner than 60 s).
    const { cabinetId } = ok(
      await t.app.cabinets.startRegistration(
        typed(registration, { document: person.document, fin: person.fin }),
        anonymous,
      ),
    )
    ok(await t.app.cabinets.setContacts(cabinetId, typed(ContactsInput, { phone: person.phone }), anonymous))
    t.clock.advance(61_000)
    ok(await t.app.cabinets.resendPhoneCode(cabinetId, anonymous))
    ok(await t.app.cabinets.confirmPhone(cabinetId, { code: codeSentTo(t.sms, person.phone) }, anonymous))
    ok(await t.app.cabinets.completeRegistration(cabinetId, { password: person.password }, anonymous))

    // CAB-9: a changed number gets a code of its own.
    ok(
      await t.app.cabinets.changeContacts(
        cabinetId,
        typed(ContactsChange, { phone: newPhone }),
        asCabinet(cabinetId),
      ),
    )
    ok(
      await t.app.cabinets.confirmPhone(
        cabinetId,
        { code: codeSentTo(t.sms, newPhone) },
        asCabinet(cabinetId),
      ),
    )

    // CAB-10: password recovery through a code to the confirmed number.
    ok(await t.app.cabinets.requestPasswordRecovery(typed(RecoveryRequest, { login: person.fin }), anonymous))
    ok(
      await t.app.cabinets.completePasswordRecovery(
        typed(RecoveryConfirmation, {
          login: person.fin,
          code: codeSentTo(t.sms, newPhone),
          newPassword: 'Recovered2026x',
        }),
        anonymous,
      ),
    )
    ok(
      await t.app.cabinets.authenticate(
        typed(LoginInput, { login: person.fin, password: 'Recovered2026x' }),
        anonymous,
      ),
    )

    // A second person registered the usual way, so the log holds more than one cabinet.
    await register(t, devPerson(502))
    await t.app.settle()

    const codes = t.sms.sent.map((message) => /\b(\d{6})\b/.exec(message.text)?.[1])
    expect(codes.every((code) => code !== undefined)).toBe(true)
    // Two at registration, one for the new number, one for recovery, one for the second person.
    expect(codes.length).toBeGreaterThanOrEqual(5)
    const events = await store.readAll()
    expect(events.length).toBeGreaterThan(10)
    // The scan reads what is stored: the confirmed new number is in some event.
    expect(events.some((event) => JSON.stringify(event.data).includes(newPhone))).toBe(true)
    for (const code of new Set(codes as string[])) {
      const alone = new RegExp(`(?<!\\d)${code}(?!\\d)`)
      for (const event of events) {
        const stored = JSON.stringify(
          { data: event.data, metadata: event.metadata, id: event.id },
          (_, value) => (typeof value === 'bigint' ? value.toString() : value),
        )
        expect(alone.test(stored), `code ${code} in ${event.streamId}@${event.revision} ${event.type}`).toBe(
          false,
        )
      }
    }
  }, 120_000)
}

describe('CAB-5: SMS codes never in clear — memory store', () => {
  neverInClear('memory', async () => createMemoryEventStore())
})

describe('CAB-5: SMS codes never in clear — PGlite store', () => {
  neverInClear('PGlite', () => createPgliteEventStore({ schema: 'sms_codes' }))
})

const schema = freshSchemaName('smscodes')
describe.skipIf(!DATABASE_URL)(
  DATABASE_URL ? 'CAB-5: SMS codes never in clear — PostgreSQL store' : skipWithoutDatabase,
  () => {
    neverInClear(
      'PostgreSQL',
      () => createPostgresEventStore({ connectionString: DATABASE_URL ?? '', schema, poolSize: 4 }),
      () => dropSchema(schema),
    )
  },
)
