import type { ErrorCode } from '@imtahan/domain'
import type { Guard } from '../middleware/auth.js'
import { statusFor } from '../problem.js'
import { exampleOf } from './example.js'
import { type JsonSchema, toJsonSchema } from './json-schema.js'
import type { RouteDoc } from './route.js'

export type DocumentInfo = { readonly title: string; readonly version: string; readonly description: string }

const SECURITY: Record<Guard, readonly Record<string, string[]>[] | undefined> = {
  none: undefined,
  session: [{ session: [] }],
  registration: [{ registrationToken: [] }],
  provider: [{ providerKey: [] }],
  board: [{ boardKey: [] }],
  staff: [{ staffKey: [] }],
  commission: [{ commissionKey: [] }],
  auditor: [{ auditorKey: [] }],
}

const PROBLEM_SCHEMA: JsonSchema = {
  type: 'object',
  description: 'RFC 9457 problem details; `code` (and `type`) are stable, `detail` is for a person.',
  properties: {
    type: { type: 'string', example: 'urn:imtahan:problem:wallet.insufficient_funds' },
    title: { type: 'string', example: 'Insufficient funds' },
    status: { type: 'integer', example: 422 },
    detail: { type: 'string' },
    code: { type: 'string', example: 'wallet.insufficient_funds' },
    instance: { type: 'string', example: '/accounts/me/transfers' },
    problems: { type: 'array', items: { type: 'string' }, description: 'For 400: every input problem' },
  },
  required: ['type', 'title', 'status', 'detail', 'code'],
}

const parametersOf = (schema: JsonSchema | undefined, where: 'path' | 'query') => {
  const properties = (schema?.properties ?? {}) as Record<string, JsonSchema>
  const required = (schema?.required ?? []) as string[]
  return Object.entries(properties).map(([name, property]) => ({
    name,
    in: where,
    required: where === 'path' || required.includes(name),
    schema: property,
    ...(typeof property.description === 'string' ? { description: property.description } : {}),
  }))
}

/** Every refusal a route may give, grouped by status, so a client sees which codes to expect. */
const problemResponses = (doc: RouteDoc) => {
  const codes = new Set<ErrorCode>(doc.errors)
  if (doc.params || doc.query || doc.body) codes.add('validation.invalid_input')
  if (doc.body)
    for (const code of ['http.malformed_json', 'http.body_too_large', 'http.unsupported_media_type'] as const)
      codes.add(code)
  if (doc.guard !== 'none') codes.add('auth.unauthenticated')
  if (doc.guard === 'auditor') codes.add('auth.forbidden')
  if (doc.method !== 'get') codes.add('auth.read_only')
  if (doc.idempotent)
    for (const code of ['idempotency.key_reused', 'idempotency.in_progress'] as const) codes.add(code)
  const byStatus = new Map<number, string[]>()
  for (const code of codes) byStatus.set(statusFor(code), [...(byStatus.get(statusFor(code)) ?? []), code])
  byStatus.set(500, ['http.internal'])
  // Any route that reads or writes the store answers 503 when the database is unreachable.
  byStatus.set(503, ['http.unavailable'])
  return Object.fromEntries(
    [...byStatus].map(([status, list]) => [
      String(status),
      {
        description: list.map((code) => `\`${code}\``).join(', '),
        content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
      },
    ]),
  )
}

const IDEMPOTENCY_HEADER = {
  name: 'Idempotency-Key',
  in: 'header',
  required: false,
  description:
    'WAL-7: up to 255 visible ASCII characters (a UUID is ideal). A repeat with the same key and body gets ' +
    'the first answer again with `Idempotent-Replayed: true`; another body gets 422; a repeat while the ' +
    'first is running gets 409. Kept for 24 hours.',
  schema: { type: 'string', maxLength: 255 },
}

const operationOf = (doc: RouteDoc) => {
  const { success } = doc
  const security = SECURITY[doc.guard]
  const parameters = [
    ...parametersOf(doc.params ? toJsonSchema(doc.params) : undefined, 'path'),
    ...parametersOf(doc.query ? toJsonSchema(doc.query) : undefined, 'query'),
    ...(doc.idempotent ? [IDEMPOTENCY_HEADER] : []),
  ]
  // A response without an example of its own shows one built from its schema (example.ts).
  const content = (schema: JsonSchema, example: unknown) => {
    const shown = example ?? exampleOf(schema)
    return { 'application/json': { schema, ...(shown === undefined ? {} : { example: shown }) } }
  }
  return {
    operationId: doc.operationId,
    tags: [doc.tag],
    summary: doc.summary,
    ...(doc.description === undefined ? {} : { description: doc.description }),
    ...(security === undefined ? {} : { security }),
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(doc.body
      ? {
          requestBody: {
            required: true,
            content: content(toJsonSchema(doc.body, { closed: true }), doc.requestExample),
          },
        }
      : {}),
    responses: {
      [String(success.status)]: {
        description: success.description,
        ...(success.codec ? { content: content(toJsonSchema(success.codec), success.example) } : {}),
        ...(success.mediaType
          ? {
              content: {
                [success.mediaType]: { schema: { type: 'string', description: success.description } },
              },
            }
          : {}),
      },
      ...problemResponses(doc),
    },
  }
}

/** The OpenAPI 3.1 document, built from the very route table the app serves. */
export const openApiDocument = (routes: readonly RouteDoc[], info: DocumentInfo) => {
  const paths: Record<string, Record<string, unknown>> = {}
  for (const doc of routes) paths[doc.path] = { ...paths[doc.path], [doc.method]: operationOf(doc) }
  return {
    openapi: '3.1.0',
    info,
    tags: [...new Set(routes.map((doc) => doc.tag))].map((name) => ({ name })),
    paths,
    components: {
      schemas: { Problem: PROBLEM_SCHEMA },
      securitySchemes: {
        session: { type: 'http', scheme: 'bearer', description: 'The token from POST /session' },
        registrationToken: {
          type: 'http',
          scheme: 'bearer',
          description: 'The token from POST /registration',
        },
        providerKey: {
          type: 'apiKey',
          in: 'header',
          name: 'X-Api-Key',
          description: 'The payment provider’s key',
        },
        boardKey: {
          type: 'apiKey',
          in: 'header',
          name: 'X-Api-Key',
          description: 'The examination board’s key (SPEC §5)',
        },
        staffKey: {
          type: 'apiKey',
          in: 'header',
          name: 'X-Api-Key',
          description: 'An exam staff key, possibly scoped to sittings (SPEC §5)',
        },
        commissionKey: {
          type: 'apiKey',
          in: 'header',
          name: 'X-Api-Key',
          description: 'The appeals commission’s key (SPEC §5)',
        },
        auditorKey: {
          type: 'apiKey',
          in: 'header',
          name: 'X-Api-Key',
          description: 'The auditor’s key: reads the log, writes nothing (SPEC §5)',
        },
      },
    },
  }
}
