/** A minimal JSON client over fetch for the cluster tests. */
// biome-ignore lint/suspicious/noExplicitAny: a test reads whatever JSON came back
export type Reply = { readonly status: number; readonly json: any; readonly headers: Headers }

export type Send = {
  readonly token?: string
  readonly body?: unknown
  readonly headers?: Record<string, string>
}

/** HTTP requests sent so far by this test process, for the load's summary line. */
export const requestsSent = { requests: 0 }

export const call = async (url: string, method: string, path: string, sent: Send = {}): Promise<Reply> => {
  requestsSent.requests += 1
  const headers: Record<string, string> = { ...sent.headers }
  if (sent.token !== undefined) headers.authorization = `Bearer ${sent.token}`
  if (sent.body !== undefined) headers['content-type'] = 'application/json'
  const response = await fetch(`${url}${path}`, {
    method,
    headers,
    ...(sent.body === undefined ? {} : { body: JSON.stringify(sent.body) }),
    // Generous: a sign-up hashes a password with the production scrypt cost on a busy machine.
    signal: AbortSignal.timeout(20_000),
  })
  const text = await response.text()
  let json: unknown
  try {
    json = text === '' ? undefined : JSON.parse(text)
  } catch {
    json = text
  }
  return { status: response.status, json, headers: response.headers }
}

export const must = (reply: Reply, status: number, what: string): Reply => {
  if (reply.status !== status)
    throw new Error(`${what}: expected ${status}, got ${reply.status} ${JSON.stringify(reply.json)}`)
  return reply
}

/** DEVnnnn people of the dev registry (docs/fixtures.md): document AZE 1000nnnn. */
export const devPerson = (n: number) => {
  const digits = String(n).padStart(4, '0')
  return {
    fin: `DEV${digits}`,
    document: { series: 'AZE', number: `1000${digits}` },
    phone: `+99450${String(n).padStart(7, '0')}`,
    password: `Parol${digits}xy`,
  }
}

export type Person = ReturnType<typeof devPerson>

export const DEV_PROVIDER_KEY = 'dev-payment-provider-key'

/**
 * CAB-1…CAB-7 over HTTP on one process (the dev SMS outbox is that process's
 * memory, so the code is read where it was sent). Returns the cabinet.
 */
export const register = async (url: string, person: Person) => {
  const started = must(
    await call(url, 'POST', '/registration', { body: { document: person.document, fin: person.fin } }),
    201,
    'registration',
  )
  const token = started.json.registrationToken as string
  must(
    await call(url, 'PUT', '/registration/contacts', { token, body: { phone: person.phone } }),
    200,
    'contacts',
  )
  const sms = must(await call(url, 'GET', `/dev/sms?phone=${encodeURIComponent(person.phone)}`), 200, 'sms')
  const code = /\b(\d{6})\b/.exec(sms.json.text)?.[1]
  must(await call(url, 'POST', '/registration/phone-confirmation', { token, body: { code } }), 200, 'confirm')
  const done = must(
    await call(url, 'POST', '/registration/password', { token, body: { password: person.password } }),
    201,
    'password',
  )
  return { cabinetId: done.json.cabinetId as string, cabinetNumber: done.json.cabinetNumber as string }
}

export const signIn = async (url: string, person: Person): Promise<string> =>
  must(
    await call(url, 'POST', '/session', { body: { login: person.fin, password: person.password } }),
    201,
    'sign-in',
  ).json.token
