import { CreditInput, FeeInput, TransferInput } from '../../src/application/account/inputs.js'
import type { EventStore } from '../../src/store/port.js'
import { asCabinet, devPerson, makeApp, ok, pay, register, typed } from '../application/facade/support.js'

/** What `buildHistory` leaves in the store, for tests to tamper with and to check totals against. */
export type History = Awaited<ReturnType<typeof buildHistory>>

/**
 * A realistic little history through the facade with dev ports: three
 * cabinets, four payments (one left unclaimed), two credits (PAY-2 and
 * PAY-3), a fee, two transfers. Money: credited 70.00, fees 15.00, balances
 * 10.00 + 40.00 + 5.00 = 55.00, received 77.00 of which 7.00 unclaimed.
 */
export const buildHistory = async (store: EventStore, first = 700) => {
  const t = makeApp(store)
  const [ali, leyla, murad] = [devPerson(first), devPerson(first + 1), devPerson(first + 2)]
  const cabinets = []
  for (const person of [ali, leyla, murad]) cabinets.push({ person, ...(await register(t, person)) })
  const [a, l, m] = cabinets as [(typeof cabinets)[0], (typeof cabinets)[0], (typeof cabinets)[0]]
  const listed = await pay(t.app, ali.document.number, '50.00')
  const typedCode = await pay(t.app, '7777777', '20.00')
  await pay(t.app, murad.document.number, '7.00')
  ok(
    await t.app.accounts.creditPayment(
      a.cabinetId,
      typed(CreditInput, { paymentCode: listed, method: 'listed' }),
      asCabinet(a.cabinetId),
    ),
  )
  ok(
    await t.app.accounts.creditPayment(
      l.cabinetId,
      typed(CreditInput, { paymentCode: typedCode, method: 'code' }),
      asCabinet(l.cabinetId),
    ),
  )
  const fee = typed(FeeInput, {
    chargeId: 'exam-2026-06',
    service: 'exam-registration',
    purpose: 'Civil service test',
    amount: '15.00',
  })
  ok(await t.app.accounts.chargeFee(a.cabinetId, fee, asCabinet(a.cabinetId)))
  const send = (from: typeof a, to: typeof a, amount: string) =>
    t.app.accounts.transfer(
      from.cabinetId,
      typed(TransferInput, { toCabinetNumber: to.cabinetNumber, amount, password: from.person.password }),
      asCabinet(from.cabinetId),
    )
  ok(await send(a, l, '25.00'))
  ok(await send(l, m, '5.00'))
  await t.app.settle()
  return { ...t, cabinets: { ali: a, leyla: l, murad: m }, payments: { listed, typed: typedCode } }
}

/** The money totals of `buildHistory`. */
export const HISTORY_TOTALS = {
  accounts: 3,
  paymentsReceived: 3,
  paymentsReceivedAmount: '77.00',
  paymentsCredited: '70.00',
  paymentsUnclaimed: '7.00',
  feesCharged: '15.00',
  balancesTotal: '55.00',
  transfersInFlight: '0.00',
  topUpsInFlight: '0.00',
  'held (balances + in flight)': '55.00',
  'owed (credited − fees)': '55.00',
}
