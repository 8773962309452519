import { createDevClock } from '@imtahan/adapters'
import * as E from 'fp-ts/lib/Either.js'
import * as t from 'io-ts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { unknownFields } from '../../src/openapi/exactness.js'
import type { RouteDoc } from '../../src/openapi/route.js'
import { makeHttp, type TestHttp } from '../support/app.js'
import { client } from '../support/client.js'

type Schema = { readonly [key: string]: unknown }
type Content = { schema: Schema; example?: unknown }
type Operation = {
  tags: string[]
  requestBody?: { content: Record<string, Content> }
  responses: Record<string, { content?: Record<string, Content> }>
}
type Document = {
  info: { description: string }
  paths: Record<string, Record<string, Operation>>
  components: { schemas: Schema }
}

/** Every schema node of a document or schema, with where it is (examples are data, not schemas). */
const schemaNodes = (value: unknown, at: string, out: [string, Schema][] = []): [string, Schema][] => {
  if (Array.isArray(value))
    for (const [index, item] of value.entries()) schemaNodes(item, `${at}/${index}`, out)
  else if (typeof value === 'object' && value !== null) {
    out.push([at, value as Schema])
    for (const [key, inner] of Object.entries(value))
      if (key !== 'example' && key !== 'examples') schemaNodes(inner, `${at}/${key}`, out)
  }
  return out
}

const isObjectSchema = (schema: Schema) =>
  schema.type === 'object' || (Array.isArray(schema.type) && schema.type.includes('object'))

/** The places in an example where an object is, as the edge names them (`body.forms.0.form`). */
const objectPaths = (value: unknown, at: string): string[] => {
  if (Array.isArray(value)) return value.flatMap((item, index) => objectPaths(item, `${at}.${index}`))
  if (typeof value !== 'object' || value === null) return []
  return [at, ...Object.entries(value).flatMap(([key, inner]) => objectPaths(inner, `${at}.${key}`))]
}

/** A copy of `value` with one more member in the object at `path`. */
const withExtra = (value: unknown, path: string[], key: string): unknown => {
  if (path.length === 0) return { ...(value as object), [key]: 1 }
  const [head, ...rest] = path
  if (Array.isArray(value))
    return value.map((item, index) => (String(index) === head ? withExtra(item, rest, key) : item))
  const record = value as Record<string, unknown>
  return { ...record, [head as string]: withExtra(record[head as string], rest, key) }
}

/** The schema (an alternative of a `oneOf` chosen by the value's members) that describes `value` at `path`. */
const schemaAt = (schema: Schema, value: unknown, path: readonly string[]): Schema => {
  if (Array.isArray(schema.oneOf)) {
    const keys = typeof value === 'object' && value !== null ? Object.keys(value) : []
    const chosen = (schema.oneOf as Schema[]).find(
      (alternative) =>
        alternative.properties !== undefined &&
        keys.every((key) => key in (alternative.properties as object)),
    )
    if (chosen !== undefined) return schemaAt(chosen, value, path)
  }
  if (path.length === 0) return schema
  const [head, ...rest] = path as [string, ...string[]]
  const inner = (value as Record<string, unknown>)[head]
  if (schema.type === 'array') return schemaAt(schema.items as Schema, inner, rest)
  const properties = schema.properties as Record<string, Schema> | undefined
  return schemaAt(properties?.[head] ?? (schema.additionalProperties as Schema), inner, rest)
}

const decodes = (codec: t.Mixed, value: unknown, where: string) => {
  const result = codec.decode(value)
  if (E.isLeft(result)) {
    const paths = result.left.map((error) => error.context.map((entry) => entry.key).join('.'))
    throw new Error(`${where}: the example does not decode: ${paths.join('; ')}`)
  }
}

describe('Integrators 1: the OpenAPI document is complete and agrees with the codecs the edge uses', () => {
  let env: TestHttp
  let document: Document
  let routes: readonly RouteDoc[]
  const operationOf = (route: RouteDoc) => document.paths[route.path]?.[route.method] as Operation
  const where = (route: RouteDoc) => `${route.method} ${route.path}`

  beforeAll(async () => {
    env = await makeHttp('memory', {
      devClock: createDevClock(),
      apiKeys: { board: ['b'.repeat(16)], staff: ['s'.repeat(16)], commission: ['c'.repeat(16)] },
    })
    document = (await client(env.app).get('/openapi.json')).json
    routes = env.routes
  })
  afterAll(async () => env?.close())

  it('info.description names every area the document serves and the strict bodies', () => {
    for (const words of ['cabinets', 'accounts', 'exams', 'appeals', 'auditor', 'strict', 'Idempotency-Key'])
      expect(document.info.description).toContain(words)
    const tags = Object.values(document.paths).flatMap((operations) =>
      Object.values(operations).flatMap((operation) => operation.tags),
    )
    for (const area of ['Exams', 'Appeals', 'Audit'])
      expect(
        tags.some((tag) => tag.includes(area)),
        area,
      ).toBe(true)
  })

  it('every request body has an example of its own, and the route’s codec decodes it with no unknown field', () => {
    const bodies = routes.filter((route) => route.body !== undefined)
    expect(bodies.length).toBeGreaterThan(30)
    for (const route of bodies) {
      expect(route.requestExample, `${where(route)} has no request example`).toBeDefined()
      const shown = operationOf(route).requestBody?.content['application/json']?.example
      expect(shown, where(route)).toEqual(route.requestExample)
      decodes(route.body as t.Mixed, shown, `${where(route)} request`)
      expect(unknownFields(route.body as t.Mixed, shown, 'body'), where(route)).toEqual([])
    }
  })

  it('every JSON response has an example, and the codec the route encodes with decodes it', () => {
    const answers = routes.filter((route) => route.success.codec !== undefined)
    expect(answers.length).toBeGreaterThan(50)
    for (const route of answers) {
      const status = String(route.success.status)
      const shown = operationOf(route).responses[status]?.content?.['application/json']?.example
      expect(shown, `${where(route)} ${status} has no example`).toBeDefined()
      decodes(route.success.codec as t.Mixed, shown, `${where(route)} ${status}`)
    }
    // The operator's health answers too, which no codec encodes.
    const missing = Object.entries(document.paths).flatMap(([path, operations]) =>
      Object.entries(operations).flatMap(([method, operation]) =>
        Object.entries(operation.responses)
          .filter(([, response]) => response.content?.['application/json'] !== undefined)
          .filter(([, response]) => response.content?.['application/json']?.example === undefined)
          .map(([status]) => `${method} ${path} ${status}`),
      ),
    )
    expect(missing).toEqual([])
  })

  it('no schema anywhere is a bare object: each lists its properties, or says what a record holds', () => {
    const bare = schemaNodes(document, '#')
      .filter(([, schema]) => isObjectSchema(schema) && schema.properties === undefined)
      .filter(([, schema]) => {
        const extra = schema.additionalProperties
        if (typeof extra === 'object' && extra !== null) return Object.keys(extra).length === 0
        // An open record of anything must at least say what it is.
        return !(extra === true && typeof schema.description === 'string')
      })
      .map(([at]) => at)
    expect(bare).toEqual([])
  })

  it('request bodies are exact: every object says additionalProperties: false, and the edge refuses a member at each one, naming it', () => {
    for (const route of routes.filter((candidate) => candidate.body !== undefined)) {
      const content = operationOf(route).requestBody?.content['application/json'] as Content
      const open = schemaNodes(content.schema, '#')
        .filter(([, schema]) => isObjectSchema(schema) && schema.properties !== undefined)
        .filter(([, schema]) => schema.additionalProperties !== false)
        .map(([at]) => at)
      expect(open, where(route)).toEqual([])
      for (const at of objectPaths(route.requestExample, 'body')) {
        const path = at.split('.').slice(1)
        const extra = withExtra(route.requestExample, path, 'zzUnknown')
        // A record (an answer key by task id) takes any member its values fit; an object none it does not list.
        const isRecord = schemaAt(content.schema, route.requestExample, path).properties === undefined
        expect(unknownFields(route.body as t.Mixed, extra, 'body'), `${where(route)} ${at}`).toEqual(
          isRecord ? [] : [`${at}.zzUnknown: unknown field`],
        )
      }
    }
  })

  it('an exact response codec (encoding drops what it does not declare) is documented with additionalProperties: false', () => {
    const exact = routes.filter((route) => route.success.codec instanceof t.ExactType)
    expect(exact.length).toBeGreaterThan(30)
    for (const route of exact) {
      const schema = operationOf(route).responses[String(route.success.status)]?.content?.['application/json']
        ?.schema as Schema
      expect(schema.additionalProperties, where(route)).toBe(false)
    }
  })

  it('closed vocabularies are enums: subjects, task types, groups, subgroups, kinds, outcomes, phases, statuses', () => {
    const VOCABULARIES = new Set([
      'subject',
      'group',
      'groups',
      'subgroup',
      'kind',
      'incident',
      'outcome',
      'phase',
      'status',
      'endReason',
      'rescore',
      'stage',
    ])
    const listed = (schema: Schema): boolean =>
      Array.isArray(schema.enum) ||
      'const' in schema ||
      (Array.isArray(schema.oneOf) && (schema.oneOf as Schema[]).every(listed)) ||
      (schema.type === 'array' && listed(schema.items as Schema))
    const loose: string[] = []
    for (const [path, operations] of Object.entries(document.paths))
      for (const [method, operation] of Object.entries(operations))
        for (const [at, schema] of schemaNodes(operation, `${method} ${path}`)) {
          if (!isObjectSchema(schema) || schema.properties === undefined) continue
          for (const [name, member] of Object.entries(schema.properties as Record<string, Schema>))
            if (VOCABULARIES.has(name) && !listed(member)) loose.push(`${at}/properties/${name}`)
        }
    // A task's `type` is its own vocabulary (a problem's `type` is a URN, not listed here).
    expect(loose).toEqual([])
  })
})
