import { cabinetNumberFor, checkMoneyInvariants, decodeWith } from '@imtahan/domain'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import {
  CreditInput,
  FeeInput,
  PaymentNotice,
  TransferInput,
} from '../../../src/application/account/inputs.js'
import {
  ContactsInput,
  LoginInput,
  PasswordChange,
  PasswordInput,
  PhoneCodeInput,
  RecoveryConfirmation,
  RecoveryRequest,
} from '../../../src/application/cabinet/input.js'
import { createLogger } from '../../../src/logging.js'
import { createMemoryEventStore } from '../../../src/store/memory.js'
import {
  anonymous,
  asCabinet,
  balanceOf,
  changesNothing,
  codeSentTo,
  makeApp,
  moneyEvents,
  ok,
  type Person,
  pay,
  provider,
  refusal,
  registration,
  typed,
} from './support.js'

const rashad: Person = {
  fin: '5ZK7P2Q',
  document: { series: 'AZE', number: '12345678' },
  phone: '+994501234567',
  password: 'Kitab2026yay',
}
const aynur: Person = {
  fin: '4XR8M2L',
  document: { series: 'AA', number: '2345671' },
  phone: '+994551112233',
  password: 'Deniz77sahil',
}

/** Everything the application logs, to prove no personal data is in it (SPEC §5). */
const captureLog = () => {
  const lines: string[] = []
  const logger = createLogger({ level: 'debug' }, { write: (line: string) => void lines.push(line) })
  return { logger, text: () => lines.join('') }
}

describe('the life of two cabinets through the facade (memory store)', () => {
  const log = captureLog()
  const store = createMemoryEventStore()
  const { app, sms } = makeApp(store, { logger: log.logger })
  const ids = { rashad: '', aynur: '' }
  const numbers = { rashad: '', aynur: '' }

  it('CAB-1/CAB-2: registration checks the document with the registry and shows the person', async () => {
    const started = ok(
      await app.cabinets.startRegistration(
        typed(registration, { document: rashad.document, fin: rashad.fin }),
        anonymous,
      ),
    )
    expect(started.person).toEqual({
      surname: 'Həsənov',
      name: 'Rəşad',
      patronymic: 'Elçin',
      birthDate: '1998-03-14',
    })
    ids.rashad = started.cabinetId
  })

  it('CAB-1: a document that does not match records only the failed attempt, without FIN or document', async () => {
    const before = (await store.readAll()).length
    const result = await app.cabinets.startRegistration(
      typed(registration, { document: { series: 'AZE', number: '99999999' }, fin: aynur.fin }),
      anonymous,
    )
    expect(refusal(result)).toBe('cabinet.registry_no_match')
    const added = (await store.readAll()).slice(before)
    expect(added.map((event) => event.type)).toEqual(['RegistrationAttemptFailed'])
    const stored = JSON.stringify(added.map((event) => [event.streamId, event.data]))
    expect(stored).not.toContain(aynur.fin)
    expect(stored).not.toContain('99999999')
  })

  it('bad input is refused at the edge with every problem listed', async () => {
    const result = decodeWith(registration)({ document: { series: 'XX', number: 'abc' }, fin: 'io' })
    expect(refusal(result)).toBe('validation.invalid_input')
    if (result._tag === 'Left') expect(result.left.details?.problems).toHaveLength(3)
  })

  it('CAB-4/CAB-5: the code goes to the mobile number; a wrong code is refused, the right one confirms', async () => {
    const sent = ok(
      await app.cabinets.setContacts(
        ids.rashad,
        typed(ContactsInput, { phone: '050 123 45 67', email: 'r@example.az' }),
        anonymous,
      ),
    )
    expect(sent.codeSentTo).toBe('+99450*****67')
    const code = codeSentTo(sms, rashad.phone)
    const wrong = code === '000000' ? '111111' : '000000'
    expect(
      refusal(await app.cabinets.confirmPhone(ids.rashad, typed(PhoneCodeInput, { code: wrong }), anonymous)),
    ).toBe('otp.wrong_code')
    expect(
      ok(await app.cabinets.confirmPhone(ids.rashad, typed(PhoneCodeInput, { code }), anonymous)),
    ).toEqual({
      phone: rashad.phone,
    })
  })

  it('CAB-6: a weak password is refused before any number is spent, and nothing is recorded', async () => {
    await changesNothing(store, async () => {
      const weak = await app.cabinets.completeRegistration(
        ids.rashad,
        typed(PasswordInput, { password: 'short' }),
        anonymous,
      )
      expect(refusal(weak)).toBe('password.too_weak')
    })
  })

  it('CAB-7/WAL-1: the password completes the cabinet with a number and an account at 0.00', async () => {
    const done = ok(
      await app.cabinets.completeRegistration(
        ids.rashad,
        typed(PasswordInput, { password: rashad.password }),
        anonymous,
      ),
    )
    numbers.rashad = done.cabinetNumber
    expect(done.cabinetNumber).toMatch(/^\d{8}$/)
    expect(await balanceOf(app, ids.rashad)).toBe('0.00')
    const overview = ok(await app.cabinets.overview(ids.rashad, asCabinet(ids.rashad)))
    expect(overview).toMatchObject({ stage: 'completed', cabinetNumber: done.cabinetNumber })
    const { cabinetId } = ok(
      await app.cabinets.startRegistration(
        typed(registration, { document: aynur.document, fin: aynur.fin }),
        anonymous,
      ),
    )
    ids.aynur = cabinetId
    ok(await app.cabinets.setContacts(cabinetId, typed(ContactsInput, { phone: aynur.phone }), anonymous))
    ok(
      await app.cabinets.confirmPhone(
        cabinetId,
        typed(PhoneCodeInput, { code: codeSentTo(sms, aynur.phone) }),
        anonymous,
      ),
    )
    numbers.aynur = ok(
      await app.cabinets.completeRegistration(
        cabinetId,
        typed(PasswordInput, { password: aynur.password }),
        anonymous,
      ),
    ).cabinetNumber
    expect(numbers.aynur).not.toBe(numbers.rashad)
  })

  it('CAB-3: a second registration for a FIN with a cabinet is refused and points to recovery', async () => {
    await changesNothing(store, async () => {
      const again = await app.cabinets.startRegistration(
        typed(registration, { document: rashad.document, fin: rashad.fin }),
        anonymous,
      )
      expect(refusal(again)).toBe('cabinet.already_exists')
    })
  })

  it('signs in by cabinet number or FIN; a wrong password and an unknown login get the same answer', async () => {
    const byNumber = ok(
      await app.cabinets.authenticate(
        typed(LoginInput, { login: numbers.rashad, password: rashad.password }),
        anonymous,
      ),
    )
    const byFin = ok(
      await app.cabinets.authenticate(
        typed(LoginInput, { login: rashad.fin, password: rashad.password }),
        anonymous,
      ),
    )
    expect(byNumber).toEqual({ cabinetId: ids.rashad, cabinetNumber: numbers.rashad })
    expect(byFin).toEqual(byNumber)
    const wrong = await app.cabinets.authenticate(
      typed(LoginInput, { login: numbers.rashad, password: 'Wrong123pass' }),
      anonymous,
    )
    const unknown = await app.cabinets.authenticate(
      typed(LoginInput, { login: cabinetNumberFor(99), password: 'x' }),
      anonymous,
    )
    expect([refusal(wrong), refusal(unknown)]).toEqual([
      'auth.invalid_credentials',
      'auth.invalid_credentials',
    ])
  })

  const payments = { listed: '', typed: '' }
  const credit = (who: keyof typeof ids, paymentCode: string, method: 'listed' | 'code') =>
    app.accounts.creditPayment(ids[who], typed(CreditInput, { paymentCode, method }), asCabinet(ids[who]))

  it('PAY-1: payments arrive from the feed; a redelivery is answered, not recorded twice', async () => {
    payments.listed = await pay(app, rashad.document.number, '50.00', 'RASHAD-LISTED-1')
    payments.typed = await pay(app, '7777777', '20.00', 'SOMEONE-ELSES-2')
    await changesNothing(store, async () => {
      const notice = {
        paymentCode: 'RASHAD-LISTED-1',
        amount: '50.00',
        documentNumber: '12345678',
        paidAt: '2026-05-20T07:00:00Z',
        providerReference: 'ref-again',
      }
      expect(refusal(await app.payments.receive(typed(PaymentNotice, notice), provider))).toBe(
        'payment.conflicting_redelivery',
      )
    })
  })

  it('PAY-2: the owner sees unclaimed payments stated for their document and credits one (method 1)', async () => {
    const listed = ok(await app.accounts.unclaimedPayments(ids.rashad, asCabinet(ids.rashad)))
    expect(listed.map((row) => row.paymentCode)).toEqual([payments.listed])
    const statement = ok(await credit('rashad', payments.listed, 'listed'))
    expect(statement.balance.amount.toFixed(2)).toBe('50.00')
    expect(statement.topUps.map((line) => line.paymentCode)).toEqual([payments.listed])
    expect(ok(await app.accounts.unclaimedPayments(ids.rashad, asCabinet(ids.rashad)))).toEqual([])
  })

  it('PAY-2/PAY-4: another document cannot use method 1; a credited code cannot be credited again', async () => {
    await changesNothing(store, async () => {
      expect(refusal(await credit('aynur', payments.typed, 'listed'))).toBe('payment.document_mismatch')
      expect(refusal(await credit('aynur', payments.listed, 'code'))).toBe('payment.already_credited')
      const unknown = await credit('aynur', 'NO-SUCH-CODE', 'code')
      expect(refusal(unknown)).toBe('payment.unknown_code')
    })
  })

  it('PAY-3: any payment code can be credited by typing it (method 2)', async () => {
    const statement = ok(await credit('rashad', payments.typed, 'code'))
    expect(statement.balance.amount.toFixed(2)).toBe('70.00')
  })

  it('WAL-3: a fee is charged once per charge id; a charge above the balance is refused and changes nothing', async () => {
    const fee = typed(FeeInput, {
      chargeId: 'exam-2026-05',
      service: 'exam-registration',
      purpose: 'Civil service test, May 2026',
      amount: '15.00',
    })
    ok(await app.accounts.chargeFee(ids.rashad, fee, asCabinet(ids.rashad)))
    const again = ok(await app.accounts.chargeFee(ids.rashad, fee, asCabinet(ids.rashad)))
    expect(again.balance.amount.toFixed(2)).toBe('55.00')
    expect(again.spendings).toHaveLength(1)
    // The decline is recorded (FeeChargeDeclined) so the id is answered for good; no money moves.
    const big = () =>
      app.accounts.chargeFee(
        ids.rashad,
        typed(FeeInput, { ...FeeInput.encode(fee), chargeId: 'too-big', amount: '100.00' }),
        asCabinet(ids.rashad),
      )
    const first = await big()
    expect(refusal(first)).toBe('wallet.insufficient_funds')
    expect(E.isLeft(first) && first.left.details).toEqual({ balance: '55.00', amount: '100.00' })
    await changesNothing(store, async () => {
      expect(refusal(await big())).toBe('wallet.insufficient_funds')
    })
    const after = ok(await app.accounts.statement(ids.rashad, asCabinet(ids.rashad)))
    expect(after.balance.amount.toFixed(2)).toBe('55.00')
    expect(after.spendings).toHaveLength(1)
  })

  it('WAL-4: wrong password, unknown or own cabinet, bad amounts and too little money move nothing', async () => {
    const me = asCabinet(ids.rashad)
    const send = (toCabinetNumber: string, amount: string, password = rashad.password) =>
      app.accounts.transfer(ids.rashad, typed(TransferInput, { toCabinetNumber, amount, password }), me)
    await changesNothing(store, async () => {
      expect(refusal(await send(numbers.aynur, '5.00', 'Wrong123pass'))).toBe('transfer.wrong_password')
      expect(refusal(await send(cabinetNumberFor(99), '5.00'))).toBe('transfer.unknown_recipient')
      expect(refusal(await send(numbers.rashad, '5.00'))).toBe('transfer.same_cabinet')
      expect(refusal(await send(numbers.aynur, '0'))).toBe('transfer.invalid_amount')
      // A malformed amount never reaches the use case: the edge refuses it while decoding.
      expect(
        refusal(decodeWith(TransferInput)({ toCabinetNumber: numbers.aynur, amount: '1.234', password: '' })),
      ).toBe('validation.invalid_input')
      expect(refusal(await send(numbers.aynur, '1000.00'))).toBe('transfer.insufficient_funds')
    })
  })

  it('WAL-4/WAL-5: a transfer settles at once: debited from one account, credited to the other', async () => {
    const answer = ok(
      await app.accounts.transfer(
        ids.rashad,
        typed(TransferInput, { toCabinetNumber: numbers.aynur, amount: '25.00', password: rashad.password }),
        asCabinet(ids.rashad),
      ),
    )
    expect(answer).toMatchObject({
      status: 'completed',
      amount: '25.00',
      toCabinetNumber: numbers.aynur,
      balance: '30.00',
    })
    const received = ok(await app.accounts.statement(ids.aynur, asCabinet(ids.aynur)))
    expect(received.transfersIn).toMatchObject([
      { fromCabinetNumber: numbers.rashad, transferId: answer.transferId },
    ])
    expect(received.balance.amount.toFixed(2)).toBe('25.00')
  })

  it('a cabinet cannot act on another cabinet', async () => {
    expect(refusal(await app.accounts.statement(ids.aynur, asCabinet(ids.rashad)))).toBe('auth.forbidden')
  })

  it('CAB-10: recovery answers the same for an unknown login and sends the code only to the confirmed number', async () => {
    const sentBefore = sms.sent.length
    expect(
      ok(
        await app.cabinets.requestPasswordRecovery(
          typed(RecoveryRequest, { login: cabinetNumberFor(98) }),
          anonymous,
        ),
      ),
    ).toEqual({})
    expect(sms.sent.length).toBe(sentBefore)
    expect(
      ok(
        await app.cabinets.requestPasswordRecovery(
          typed(RecoveryRequest, { login: numbers.aynur }),
          anonymous,
        ),
      ),
    ).toEqual({})
    expect(sms.sent.at(-1)?.phone).toBe(aynur.phone)
    const code = codeSentTo(sms, aynur.phone)
    const newPassword = 'Yeni2026parol'
    ok(
      await app.cabinets.completePasswordRecovery(
        typed(RecoveryConfirmation, { login: aynur.fin, code, newPassword }),
        anonymous,
      ),
    )
    expect(
      ok(
        await app.cabinets.authenticate(
          typed(LoginInput, { login: numbers.aynur, password: newPassword }),
          anonymous,
        ),
      ).cabinetId,
    ).toBe(ids.aynur)
    const old = await app.cabinets.authenticate(
      typed(LoginInput, { login: numbers.aynur, password: aynur.password }),
      anonymous,
    )
    expect(refusal(old)).toBe('auth.invalid_credentials')
    const unknown = await app.cabinets.completePasswordRecovery(
      typed(RecoveryConfirmation, { login: cabinetNumberFor(98), code, newPassword }),
      anonymous,
    )
    expect(refusal(unknown)).toBe('otp.no_code')
  })

  it('CAB-10: changing the password needs the current one', async () => {
    const me = asCabinet(ids.rashad)
    const wrong = await app.cabinets.changePassword(
      ids.rashad,
      typed(PasswordChange, { currentPassword: 'Nope1234abc', newPassword: 'Other2026pw' }),
      me,
    )
    expect(refusal(wrong)).toBe('cabinet.wrong_password')
    ok(
      await app.cabinets.changePassword(
        ids.rashad,
        typed(PasswordChange, { currentPassword: rashad.password, newPassword: 'Other2026pw' }),
        me,
      ),
    )
    ok(
      await app.cabinets.authenticate(
        typed(LoginInput, { login: numbers.rashad, password: 'Other2026pw' }),
        anonymous,
      ),
    )
  })

  it('WAL-6: the money invariants hold over every event, and settle() changes nothing more', async () => {
    expect(checkMoneyInvariants(await moneyEvents(store))).toEqual([])
    await changesNothing(store, () => app.settle())
  })

  it('SPEC §5: nothing personal reaches the log', () => {
    const text = log.text()
    expect(text).toContain(ids.rashad)
    for (const secret of [
      rashad.fin,
      aynur.fin,
      rashad.document.number,
      aynur.document.number,
      '1234567',
      'Kitab2026yay',
      'r@example.az',
      payments.listed,
    ])
      expect(text).not.toContain(secret)
    for (const message of sms.sent) expect(text).not.toContain(/\d{6}/.exec(message.text)?.[0])
  })
})
