import { PROVIDER_KEY } from './app.js'
import { type Client, expectStatus } from './client.js'

export type Person = {
  readonly fin: string
  readonly document: { readonly series: string; readonly number: string }
  /** As a person would type it; the server keeps it as E.164. */
  readonly phone: string
  readonly e164: string
  readonly email: string
  readonly password: string
}

/** Fixture people of the dev registry (docs/fixtures.md). */
export const RASHAD: Person = {
  fin: '5ZK7P2Q',
  document: { series: 'AZE', number: '12345678' },
  phone: '050 123 45 67',
  e164: '+994501234567',
  email: 'rashad@example.az',
  password: 'Kitab2026yay',
}
export const AYNUR: Person = {
  fin: '4XR8M2L',
  document: { series: 'AA', number: '2345671' },
  phone: '+994 55 111 22 33',
  e164: '+994551112233',
  email: 'aynur@example.az',
  password: 'Deniz77sahil',
}
export const KAMRAN: Person = {
  fin: '8LC4Y6U',
  document: { series: 'AZE', number: '78123456' },
  phone: '070 222 33 44',
  e164: '+994702223344',
  email: 'kamran@example.az',
  password: 'Gunes2026qala',
}

/** The 6-digit code the dev SMS sender last delivered, read the way the README tells a person to. */
export const smsCode = async (http: Client, phone: string): Promise<string> => {
  const answer = expectStatus(await http.get(`/dev/sms?phone=${encodeURIComponent(phone)}`), 200)
  const code = /\b(\d{6})\b/.exec(answer.json.text)?.[1]
  if (code === undefined) throw new Error('the SMS holds no code')
  return code
}

/** CAB-1/CAB-2: returns the registration token. */
export const startRegistration = async (http: Client, person: Person): Promise<string> =>
  expectStatus(
    await http.post('/registration', { body: { document: person.document, fin: person.fin } }),
    201,
  ).json.registrationToken

/** CAB-4…CAB-7 over HTTP after the first step; returns the cabinet and its number. */
export const finishRegistration = async (http: Client, person: Person, token: string) => {
  expectStatus(await http.put('/registration/contacts', { token, body: { phone: person.phone } }), 200)
  const code = await smsCode(http, person.e164)
  expectStatus(await http.post('/registration/phone-confirmation', { token, body: { code } }), 200)
  const completed = expectStatus(
    await http.post('/registration/password', { token, body: { password: person.password } }),
    201,
  ).json
  return { cabinetId: completed.cabinetId as string, cabinetNumber: completed.cabinetNumber as string }
}

/** CAB-1…CAB-7 over HTTP. */
export const register = async (http: Client, person: Person) =>
  finishRegistration(http, person, await startRegistration(http, person))

export const signIn = async (http: Client, login: string, password: string): Promise<string> =>
  expectStatus(await http.post('/session', { body: { login, password } }), 201).json.token

let serial = 0
/** PAY-1: the provider pushes a payment stated for a document number; returns its code. */
export const pushPayment = async (http: Client, documentNumber: string, amount: string) => {
  serial += 1
  const paymentCode = `PAY-HTTP-${process.pid}-${serial}`
  expectStatus(
    await http.post('/provider/payments', {
      headers: { 'x-api-key': PROVIDER_KEY },
      body: {
        paymentCode,
        amount,
        documentNumber,
        paidAt: '2026-05-20T07:00:00Z',
        providerReference: `ref-${serial}`,
      },
    }),
    200,
  )
  return paymentCode
}
