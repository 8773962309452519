import { call, DEV_PROVIDER_KEY, devPerson, type Person, type Reply, register, signIn } from './http.js'

/** A signed-in, funded cabinet of the mixed load. */
export type Member = {
  readonly person: Person
  readonly cabinetId: string
  readonly cabinetNumber: string
  token: string
}

/** Every write a process acknowledged with 2xx: each must be in the log afterwards. */
export type Acknowledged = {
  readonly cabinets: string[]
  readonly credits: string[]
  readonly transfers: string[]
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * One write with an Idempotency-Key, retried on the next process when the
 * one asked dies (connection error) or the key is still held by a request
 * that was running there (409 until its heartbeat lapses, seconds). What
 * comes back is the first answer below 500 other than 409; `undefined` if
 * none came within the tries.
 */
export const writeWithRetries = async (
  urls: () => readonly string[],
  send: (url: string) => Promise<Reply>,
): Promise<Reply | undefined> => {
  for (let attempt = 0; attempt < 40; attempt++) {
    const live = urls()
    const url = live[attempt % live.length]!
    try {
      const reply = await send(url)
      if (reply.status < 500 && reply.status !== 409) return reply
    } catch {
      // The process died mid-request: whether it landed is unknown, so the same key goes elsewhere.
    }
    await pause(250)
  }
  return undefined
}

let serial = 0
/** PAY-1 then PAY-2: the provider pushes a payment, the owner credits it; the code, if acknowledged. */
export const fund = async (urls: () => readonly string[], member: Member, amount: string) => {
  serial += 1
  const paymentCode = `PAY-CLUSTER-${process.pid}-${serial}`
  const pushed = await writeWithRetries(urls, (url) =>
    call(url, 'POST', '/provider/payments', {
      headers: { 'x-api-key': DEV_PROVIDER_KEY },
      body: {
        paymentCode,
        amount,
        documentNumber: member.person.document.number,
        paidAt: new Date().toISOString(),
        providerReference: `ref-${paymentCode}`,
      },
    }),
  )
  if (pushed?.status !== 200) return undefined
  const credited = await writeWithRetries(urls, (url) =>
    call(url, 'POST', '/accounts/me/credits', {
      token: member.token,
      body: { paymentCode },
      headers: { 'idempotency-key': `credit-${paymentCode}` },
    }),
  )
  return credited?.status === 200 ? paymentCode : undefined
}

/** WAL-4: 1.00 from one member to another; the transfer id, if acknowledged. */
export const transfer = async (urls: () => readonly string[], from: Member, to: Member, key: string) => {
  const sent = await writeWithRetries(urls, (url) =>
    call(url, 'POST', '/accounts/me/transfers', {
      token: from.token,
      body: { toCabinetNumber: to.cabinetNumber, amount: '1.00', password: from.person.password },
      headers: { 'idempotency-key': key },
    }),
  )
  return sent?.status === 201 ? (sent.json.transferId as string) : undefined
}

/** Registers and signs in on one process (the dev SMS outbox is per process); `undefined` if it died meanwhile. */
export const join = async (
  url: string,
  n: number,
  acknowledged: Acknowledged,
): Promise<Member | undefined> => {
  const person = devPerson(n)
  try {
    const cabinet = await register(url, person)
    acknowledged.cabinets.push(cabinet.cabinetId)
    return { person, ...cabinet, token: await signIn(url, person) }
  } catch {
    return undefined
  }
}

/** Setup: a member for sure — a slow machine may time a sign-up out, so try again as another person. */
export const joinSurely = async (
  next: () => string,
  n: number,
  acknowledged: Acknowledged,
): Promise<Member | undefined> => {
  for (let attempt = 0; attempt < 3; attempt++) {
    const member = await join(next(), n + attempt * 50, acknowledged)
    if (member !== undefined) return member
  }
  return undefined
}
