import { type DomainError, describeErrors, domainError, type ErrorCode } from '@imtahan/domain'
import * as E from 'fp-ts/lib/Either.js'
import type { Hono, MiddlewareHandler } from 'hono'
import type * as t from 'io-ts'
import type { AppContext, AppEnv } from '../context.js'
import type { Guard } from '../middleware/auth.js'
import { problemResponse } from '../middleware/errors.js'
import { unknownFields } from './exactness.js'
import { jsonNestsDeeperThan, MAX_JSON_DEPTH, unsafeTextProblems } from './input-safety.js'

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete'

/** A codec the edge decodes with and the document describes. */
type Codec<A> = t.Type<A, unknown, unknown>

export type RouteInput<P, Q, B> = {
  readonly params: P
  readonly query: Q
  readonly body: B
  readonly c: AppContext
}

export type RouteDefinition<P, Q, B, R> = {
  readonly method: Method
  /** OpenAPI style, `{name}` for a path parameter. */
  readonly path: string
  readonly operationId: string
  readonly tag: string
  readonly summary: string
  readonly description?: string
  readonly guard: Guard
  /** WAL-7: accepts `Idempotency-Key`. */
  readonly idempotent?: boolean
  readonly params?: Codec<P>
  readonly query?: Codec<Q>
  readonly body?: Codec<B>
  readonly requestExample?: unknown
  readonly success: {
    readonly status: number
    readonly description: string
    /** Absent for a response without body (204) and for a stream. */
    readonly codec?: Codec<R>
    /** A streamed body of this media type (`application/x-ndjson`): `handle` returns the `Response`. */
    readonly mediaType?: string
    readonly example?: unknown
  }
  /** The domain error codes this route may answer with, documented as problem responses. */
  readonly errors: readonly ErrorCode[]
  readonly handle: (input: RouteInput<P, Q, B>) => Promise<E.Either<DomainError, R>>
}

/** What the document needs of a route, with the types erased. */
export type RouteDoc = Omit<RouteDefinition<unknown, unknown, unknown, unknown>, 'handle' | 'success'> & {
  readonly success: Omit<RouteDefinition<unknown, unknown, unknown, unknown>['success'], 'codec'> & {
    readonly codec?: t.Mixed
  }
}

/** Infers the types of one route from its codecs. */
export const route = <P = undefined, Q = undefined, B = undefined, R = undefined>(
  definition: RouteDefinition<P, Q, B, R>,
) => definition

const JSON_TYPE = /^application\/([a-z0-9.+-]*\+)?json\s*(;.*)?$/i

/** The body as JSON: malformed → 400, another media type → 415, empty → `undefined` (the codec says what is missing). */
const readJson = async (c: AppContext): Promise<E.Either<DomainError, unknown>> => {
  const type = c.req.header('content-type')
  const text = await c.req.text()
  if (text.trim() === '') return E.right(undefined)
  if (type !== undefined && !JSON_TYPE.test(type))
    return E.left(domainError('http.unsupported_media_type', 'Send the body as application/json.'))
  if (jsonNestsDeeperThan(text, MAX_JSON_DEPTH)) {
    const problem = `body: nested deeper than ${MAX_JSON_DEPTH} levels`
    return E.left(
      domainError('validation.invalid_input', `Invalid input: ${problem}`, { problems: [problem] }),
    )
  }
  try {
    return E.right(JSON.parse(text))
  } catch {
    return E.left(domainError('http.malformed_json', 'The request body is not valid JSON.'))
  }
}

type Decoded = { readonly params: unknown; readonly query: unknown; readonly body: unknown }

/** Decodes path, query and body together, so one 400 lists every problem. */
const decodeInput = async (doc: RouteDoc, c: AppContext): Promise<E.Either<DomainError, Decoded>> => {
  const body = doc.body === undefined ? E.right(undefined) : await readJson(c)
  if (E.isLeft(body)) return body
  const parts: ReadonlyArray<readonly [keyof Decoded, t.Mixed | undefined, unknown]> = [
    ['params', doc.params, c.req.param()],
    ['query', doc.query, c.req.query()],
    ['body', doc.body, body.right],
  ]
  const problems: string[] = []
  const decoded: Record<string, unknown> = {}
  for (const [where, codec, raw] of parts) {
    // Every path and query parameter, and every string of the body, documented or not.
    const unsafe = unsafeTextProblems(where, raw)
    if (unsafe.length > 0) {
      problems.push(...unsafe)
      continue
    }
    if (codec === undefined) continue
    const result: t.Validation<unknown> = codec.decode(raw)
    if (E.isRight(result)) decoded[where] = result.right
    else problems.push(...describeErrors(result.left).map((problem) => `${where}.${problem}`))
    if (where === 'body') problems.push(...unknownFields(codec, raw, where))
  }
  if (problems.length > 0) {
    const unique = [...new Set(problems)]
    return E.left(
      domainError('validation.invalid_input', `Invalid input: ${unique.join('; ')}`, { problems: unique }),
    )
  }
  return E.right({ params: decoded.params, query: decoded.query, body: decoded.body })
}

export type Middlewares = {
  readonly guards: Record<Guard, MiddlewareHandler<AppEnv>>
  readonly idempotent: MiddlewareHandler<AppEnv>
  /** In front of every route that is not a GET (the auditor writes nothing). */
  readonly writes: MiddlewareHandler<AppEnv>
}

/**
 * Registers routes on the app and keeps their documentation: a route exists
 * only through `add`, so the OpenAPI document cannot miss one.
 */
export const routeTable = (app: Hono<AppEnv>, middlewares: Middlewares) => {
  const docs: RouteDoc[] = []
  const add = <P, Q, B, R>(definition: RouteDefinition<P, Q, B, R>) => {
    const { handle, ...rest } = definition
    const doc = rest as RouteDoc
    docs.push(doc)
    const honoPath = definition.path.replace(/\{([^}]+)\}/g, ':$1')
    const named: MiddlewareHandler<AppEnv> = async (c, next) => {
      c.set('route', definition.path)
      await next()
    }
    const guard = middlewares.guards[definition.guard]
    const idempotent = definition.idempotent ? middlewares.idempotent : middlewares.guards.none
    const writes = definition.method === 'get' ? middlewares.guards.none : middlewares.writes
    app.on(definition.method.toUpperCase(), honoPath, named, writes, guard, idempotent, async (c) => {
      const input = await decodeInput(doc, c)
      if (E.isLeft(input)) return problemResponse(c, input.left)
      const { params, query, body } = input.right
      const result = await handle({ params: params as P, query: query as Q, body: body as B, c })
      if (E.isLeft(result)) return problemResponse(c, result.left)
      if (result.right instanceof Response) return result.right
      const { status, codec } = doc.success
      if (codec === undefined) return c.body(null, status as 204)
      return c.json(codec.encode(result.right) as object, status as 200)
    })
  }
  return { add, docs: (): readonly RouteDoc[] => docs }
}
