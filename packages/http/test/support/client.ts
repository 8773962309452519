import type { Hono } from 'hono'
import type { AppEnv } from '../../src/context.js'

export type Sent = {
  readonly body?: unknown
  /** Sent as is, for malformed bodies; wins over `body`. */
  readonly raw?: string
  readonly token?: string
  readonly headers?: Record<string, string>
}

export type Answer = {
  readonly status: number
  readonly headers: Headers
  // biome-ignore lint/suspicious/noExplicitAny: a test reads whatever JSON came back
  readonly json: any
  readonly text: string
}

/** One request through Hono's `app.request`: the whole stack, no socket. */
export const client = (app: Hono<AppEnv>) => {
  const send = async (method: string, path: string, sent: Sent = {}): Promise<Answer> => {
    const headers: Record<string, string> = { ...sent.headers }
    if (sent.token !== undefined) headers.authorization = `Bearer ${sent.token}`
    let body: string | undefined
    if (sent.raw !== undefined) body = sent.raw
    else if (sent.body !== undefined) body = JSON.stringify(sent.body)
    if (body !== undefined) headers['content-type'] ??= 'application/json'
    const response = await app.request(path, { method, headers, ...(body === undefined ? {} : { body }) })
    const text = await response.text()
    let json: unknown
    try {
      json = text === '' ? undefined : JSON.parse(text)
    } catch {
      json = undefined
    }
    return { status: response.status, headers: response.headers, json, text }
  }
  return {
    send,
    get: (path: string, sent?: Sent) => send('GET', path, sent),
    post: (path: string, sent?: Sent) => send('POST', path, sent),
    put: (path: string, sent?: Sent) => send('PUT', path, sent),
    patch: (path: string, sent?: Sent) => send('PATCH', path, sent),
    delete: (path: string, sent?: Sent) => send('DELETE', path, sent),
  }
}

export type Client = ReturnType<typeof client>

/** Fails with the problem the server gave, which says far more than "expected 200, got 422". */
export const expectStatus = (answer: Answer, status: number): Answer => {
  if (answer.status !== status)
    throw new Error(`expected ${status}, got ${answer.status}: ${answer.text.slice(0, 500)}`)
  return answer
}
