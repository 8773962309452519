import * as fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeHttp, PROVIDER_KEY, type TestHttp } from '../support/app.js'
import { type Client, client } from '../support/client.js'
import { AYNUR, RASHAD, register, signIn, startRegistration } from '../support/flows.js'

/**
 * Fuzz every operation of /openapi.json against the real app on PGlite:
 * requests generated from each operation's own schemas (wrong types,
 * missing and extra fields, huge and odd strings with NUL, RTL marks and
 * lone surrogates, deep nesting, odd numbers, odd path and query
 * parameters). Never a 5xx; every error is a problem. Bounded by runs per
 * operation (FUZZ_RUNS, default 20) and by time per operation.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 20)
const TOTAL_BUDGET_MS = 30_000
const MIN_RUNS = 3

const KEYS = {
  board: 'fuzz-board-key-0123456789abcdef',
  staff: 'fuzz-staff-key-0123456789abcdef',
  commission: 'fuzz-commission-key-0123456789ab',
}

// biome-ignore lint/suspicious/noExplicitAny: JSON Schema as the document gives it
type Schema = any

const oddString = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    'ref\u0000x',
    'ref\ud800',
    '\udc00',
    '\u202eevil\u202c',
    '\u200f\u05d0',
    '1000 0289',
    '10000014',
    '5ZK7P2Q',
    '-1',
    '1e308',
    '0.001',
    'NaN',
    '9'.repeat(400),
    'a'.repeat(70_000),
    '../../etc/passwd',
    "'; drop table events; --",
    '{"$ne":null}',
    '__proto__',
    '2026-02-30T25:61:00Z',
    '+994501234567',
  ),
)

const oddNumber = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.constantFrom(0, -0, -1, 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, 0.1 + 0.2),
)

const anyJson: fc.Arbitrary<unknown> = fc.oneof(
  oddString,
  oddNumber,
  fc.boolean(),
  fc.constant(null),
  fc.jsonValue({ maxDepth: 3 }),
)

/** A value for `schema`: mostly of the right shape, often not. */
const valueFor = (schema: Schema, depth = 0): fc.Arbitrary<unknown> => {
  if (schema === undefined || depth > 4) return anyJson
  const wrong = anyJson
  let right: fc.Arbitrary<unknown>
  if (Array.isArray(schema.enum)) right = fc.constantFrom(...schema.enum)
  else if (schema.anyOf ?? schema.oneOf)
    right = fc.oneof(...(schema.anyOf ?? schema.oneOf).map((inner: Schema) => valueFor(inner, depth + 1)))
  else if (schema.type === 'object' || schema.properties !== undefined) {
    const properties: Record<string, Schema> = schema.properties ?? {}
    const entries = Object.entries(properties).map(
      ([key, inner]) => [key, fc.option(valueFor(inner, depth + 1), { nil: undefined, freq: 6 })] as const,
    )
    right = fc
      .tuple(fc.record(Object.fromEntries(entries)), fc.dictionary(oddString, anyJson, { maxKeys: 2 }))
      .map(([known, extra]) => {
        const out: Record<string, unknown> = {}
        for (const [key, value] of Object.entries(known)) if (value !== undefined) out[key] = value
        return Math.random() < 0.2 ? { ...extra, ...out } : out
      })
  } else if (schema.type === 'array') right = fc.array(valueFor(schema.items, depth + 1), { maxLength: 4 })
  else if (schema.type === 'string')
    right = fc.oneof(
      { arbitrary: fc.constant(schema.example ?? 'x'), weight: 2 },
      { arbitrary: oddString, weight: 3 },
    )
  else if (schema.type === 'integer' || schema.type === 'number') right = oddNumber
  else if (schema.type === 'boolean') right = fc.boolean()
  else right = anyJson
  return fc.oneof({ arbitrary: right, weight: 4 }, { arbitrary: wrong, weight: 1 })
}

/** A raw body: JSON of a generated value, or text no decoder expects. */
const bodyFor = (schema: Schema): fc.Arbitrary<string | undefined> =>
  fc.oneof(
    { arbitrary: valueFor(schema).map((value) => JSON.stringify(value)), weight: 8 },
    {
      arbitrary: fc.constantFrom(
        `${'['.repeat(5000)}${']'.repeat(5000)}`,
        `${'{"a":'.repeat(100)}1${'}'.repeat(100)}`,
        '{',
        '',
        'null',
        '"\\u0000"',
        '{"amount":1e999999}',
        '{"__proto__":{"polluted":1}}',
        '\u0000',
      ),
      weight: 2,
    },
    { arbitrary: fc.constant(undefined), weight: 1 },
  )

/** Percent-encodes anything, lone surrogates included (as the UTF-8 of the code unit, which no decoder accepts). */
const encode = (text: string): string =>
  [...text]
    .map((char) => {
      try {
        return encodeURIComponent(char)
      } catch {
        return '%ED%A0%80'
      }
    })
    .join('')

const paramValue = fc.oneof(
  { arbitrary: fc.constantFrom('EXAM-1', 'cs-2026-06', 'EXAM-1:A1', 'bb-17', 'PAY-1'), weight: 2 },
  { arbitrary: oddString.filter((s) => s.length > 0 && s.length < 300), weight: 3 },
  { arbitrary: fc.constantFrom('%00', '%2F', '..', '%', '%E0%A4%A', '%ED%A0%80', '%C0%80'), weight: 2 },
)

type Operation = {
  readonly method: string
  readonly path: string
  readonly op: Schema
}

describe('security: fuzz every operation of /openapi.json (PGlite)', () => {
  let app: TestHttp
  let http: Client
  let operations: Operation[] = []
  const credentials: Record<string, Record<string, string>> = {}
  beforeAll(async () => {
    app = await makeHttp('pglite', {
      apiKeys: {
        payment_provider: [PROVIDER_KEY],
        board: [KEYS.board],
        staff: [KEYS.staff],
        commission: [KEYS.commission],
      },
    })
    http = client(app.app)
    const { cabinetNumber } = await register(http, RASHAD)
    const session = await signIn(http, cabinetNumber, RASHAD.password)
    const registration = await startRegistration(http, AYNUR)
    credentials.session = { authorization: `Bearer ${session}` }
    credentials.registrationToken = { authorization: `Bearer ${registration}` }
    credentials.providerKey = { 'x-api-key': PROVIDER_KEY }
    credentials.boardKey = { 'x-api-key': KEYS.board }
    credentials.staffKey = { 'x-api-key': KEYS.staff }
    credentials.commissionKey = { 'x-api-key': KEYS.commission }
    const doc = (await http.get('/openapi.json')).json
    operations = Object.entries(doc.paths as Record<string, Record<string, Schema>>).flatMap(([path, ops]) =>
      Object.entries(ops).map(([method, op]) => ({ method, path, op })),
    )
  }, 120_000)
  afterAll(() => app?.close())

  it('fuzz: no generated request to any operation gets a 5xx, and every error is application/problem+json', async () => {
    expect(operations.length).toBeGreaterThan(40)
    const perOperationMs = Math.floor(TOTAL_BUDGET_MS / operations.length)
    let requests = 0
    for (const { method, path, op } of operations) {
      // Signing out would end the shared session: that operation gets a token of its own making.
      const scheme = Object.keys(op.security?.[0] ?? {})[0]
      const auth = op.operationId === 'signOut' ? {} : scheme === undefined ? {} : (credentials[scheme] ?? {})
      const params: Schema[] = op.parameters ?? []
      const pathParams = params.filter((p) => p.in === 'path')
      const queryParams = params.filter((p) => p.in === 'query')
      const body = op.requestBody?.content?.['application/json']?.schema
      const deadline = Date.now() + perOperationMs
      let ran = 0
      const request = fc.record({
        path: fc
          .tuple(...pathParams.map(() => paramValue))
          .map((values) =>
            pathParams.reduce(
              (url, p, i) =>
                url.replace(
                  `{${p.name}}`,
                  /^%/.test(values[i] ?? '') ? (values[i] as string) : encode(values[i] ?? ''),
                ),
              path,
            ),
          ),
        query: fc.array(
          fc.tuple(
            fc.oneof(fc.constantFrom(...queryParams.map((p) => p.name as string), 'extra'), oddString),
            fc.oneof(
              paramValue,
              // JSON text, not String(): generated objects may have no prototype to convert with.
              valueFor(undefined).map((value) => (typeof value === 'string' ? value : JSON.stringify(value))),
            ),
          ),
          { maxLength: 3 },
        ),
        body: body === undefined ? fc.constant(undefined) : bodyFor(body),
        authenticated: fc.boolean().map((b) => b || Math.random() < 0.8),
        idempotencyKey: fc.option(fc.constantFrom('k-1', 'k-2', ' bad key', 'x'.repeat(300)), {
          nil: undefined,
        }),
      })
      await fc.assert(
        fc.asyncProperty(request, async (sent) => {
          // Past its share of the time, an operation still gets its first few requests, then no more.
          if (ran >= MIN_RUNS && Date.now() > deadline) return
          ran += 1
          requests += 1
          const query = sent.query.map(([k, v]) => `${encode(k)}=${encode(v)}`).join('&')
          const headers: Record<string, string> = {
            ...(sent.authenticated ? auth : {}),
            ...(sent.idempotencyKey === undefined ? {} : { 'idempotency-key': sent.idempotencyKey }),
          }
          const answer = await http.send(
            method.toUpperCase(),
            `${sent.path}${query === '' ? '' : `?${query}`}`,
            {
              ...(sent.body === undefined ? {} : { raw: sent.body }),
              headers,
            },
          )
          const where = `${method.toUpperCase()} ${path} → ${answer.status} ${answer.text.slice(0, 300)}`
          expect(answer.status, where).toBeLessThan(500)
          if (answer.status >= 400)
            expect(answer.headers.get('content-type'), where).toBe('application/problem+json')
        }),
        { numRuns: RUNS },
      )
    }
    expect(requests).toBeGreaterThan(operations.length)
  }, 90_000)
})
