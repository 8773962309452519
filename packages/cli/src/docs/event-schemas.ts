import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { DEFAULT_CATALOG } from '@imtahan/adapters'
import { ExamDefinedV1 } from '@imtahan/domain'
import { type JsonSchema, toJsonSchema } from '@imtahan/http'
import type * as t from 'io-ts'

/**
 * The event catalogue for auditors (docs/events/<EventType>.json): one JSON
 * Schema (draft 2020-12) per event type, written from the very io-ts codecs
 * the audit's *decode* check and the application decode with, by the same
 * converter as the OpenAPI document. A schema describes an event's `data`
 * as it appears in an export line, with `type` added (the codecs read the
 * two together).
 */

const DIALECT = 'https://json-schema.org/draft/2020-12/schema'

const pattern = (source: RegExp, description: string): JsonSchema => ({
  type: 'string',
  pattern: source.source,
  description,
})
const whole = (minimum: number, maximum: number, description: string): JsonSchema => ({
  type: 'integer',
  minimum,
  maximum,
  description,
})
const MONEY = /^(0|[1-9]\d{0,14})(\.\d{1,2})?$/
const ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/
const freeText = (max: number, description: string): JsonSchema => ({
  type: 'string',
  minLength: 1,
  maxLength: max,
  pattern: '\\S',
  description,
})

/**
 * The domain's custom codecs (a `new t.Type` has no structure to walk), by
 * codec name. Each pattern is the one the codec checks; a codec not listed
 * here makes generation fail, so a new value type cannot slip in undescribed.
 */
const CUSTOM: Readonly<Record<string, JsonSchema>> = {
  Id: pattern(ID, 'An application id: 1–128 letters, digits, dots, colons, underscores or hyphens'),
  ExamId: pattern(/^[A-Za-z0-9][A-Za-z0-9_-]{0,47}$/, 'An exam id: 1–48 letters, digits, _ or -'),
  CabinetId: pattern(
    /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
    'A cabinet id: a lower-case UUID (never the FIN)',
  ),
  CabinetNumber: pattern(/^\d{8}$/, 'An 8-digit cabinet number; the last digit is a Luhn check digit'),
  Fin: pattern(/^[0-9A-HJ-NP-Z]{7}$/, 'A FIN (personal data)'),
  PhoneNumber: pattern(/^\+994\d{9}$/, 'A mobile number, +994 and 9 digits (personal data)'),
  Email: { type: 'string', maxLength: 254, pattern: '^[^\\s@]{1,64}@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)+$' },
  DocumentSeries: pattern(/^[A-Z]{1,5}$/, 'A document series, e.g. AZE'),
  DocumentNumber: pattern(/^\d{5,10}$/, 'A document number (personal data)'),
  PaymentCode: pattern(/^[A-Z0-9](?:[A-Z0-9-]{4,30})[A-Z0-9]$/, 'A payment code as issued by the provider'),
  Money: pattern(MONEY, 'AZN, non-negative, at most 2 decimals; recorded with exactly 2 ("12.50")'),
  PositiveMoney: {
    ...pattern(MONEY, 'AZN, greater than 0.00, at most 2 decimals; recorded with exactly 2 ("12.50")'),
    not: { pattern: '^0(\\.0{1,2})?$' },
  },
  Instant: {
    type: 'string',
    format: 'date-time',
    pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,3})?)?(Z|[+-]\\d{2}:\\d{2})$',
    description: 'A UTC instant, ISO-8601 (recorded as 2026-06-10T06:00:00.000Z)',
  },
  LocalDate: { type: 'string', format: 'date', pattern: '^\\d{4}-\\d{2}-\\d{2}$' },
  Label: {
    type: 'string',
    minLength: 1,
    maxLength: 200,
    pattern: '^\\S(?:[^\\r\\n]*\\S)?$',
    description: 'One non-blank line, no surrounding spaces',
  },
  Grounds: freeText(4000, 'Free text (APL-3), not blank'),
  Reasons: freeText(4000, 'Free text (APL-4), not blank'),
  SeatCount: whole(1, 10_000, 'Seats in a hall'),
  SeatNumber: whole(1, 10_000, 'A seat'),
  Minutes: whole(0, 7 * 24 * 60, 'Minutes'),
  PositiveMinutes: whole(1, 7 * 24 * 60, 'Minutes'),
  Attempt: whole(1, 1000, 'Registration attempt'),
  PausedMs: whole(0, 7 * 24 * 3_600_000, 'Milliseconds paused'),
  ExtensionMinutes: whole(1, 24 * 60, 'Minutes added'),
  Count: whole(0, 1000, 'A count of tasks or points'),
  Score: whole(0, 1000, 'Points'),
  AppealSequence: whole(1, 1000, "The candidate's appeal number for the sitting"),
  Percent: {
    type: 'number',
    exclusiveMinimum: 0,
    maximum: 100,
    description: 'A percentage above 0 and at most 100',
  },
}

const custom = (codec: t.Mixed): JsonSchema | undefined =>
  codec.constructor.name === 'Type' ? CUSTOM[codec.name] : undefined

/** The member codecs of a category's union, each named by its `type` literal. */
const members = (codec: t.Mixed): t.Mixed[] =>
  'types' in codec && Array.isArray(codec.types) ? (codec.types as t.Mixed[]) : [codec]

const typeOf = (codec: t.Mixed): string => {
  const literal = (codec as { props?: { type?: { value?: unknown } } }).props?.type?.value
  if (typeof literal !== 'string') throw new Error(`event codec ${codec.name} has no type literal`)
  return literal
}

const convert = (member: t.Mixed, type: string): JsonSchema =>
  toJsonSchema(member, (codec) => {
    const schema = custom(codec)
    if (schema === undefined && codec.constructor.name === 'Type')
      throw new Error(`No JSON Schema for codec ${codec.name} in ${type}: add it to CUSTOM`)
    return schema
  })

/**
 * Event types whose stored events may still have an earlier shape: stored
 * events are never rewritten, the product reads an old one through the
 * domain's upcaster (`upcastStored`). Their schema accepts the current
 * version and each earlier one (`oneOf`, told apart by `version`), so an
 * auditor validates every line against `<type>.json` whatever its age.
 */
type Versioned = {
  readonly current: string
  readonly earlier: readonly {
    readonly codec: t.Mixed
    readonly title: string
    readonly description: string
  }[]
}
const VERSIONED: Readonly<Record<string, Versioned>> = {
  ExamDefined: {
    current:
      'Version 2 ("version": 2) records the blueprint the forms were checked against (groups and pass marks, SCO-4) and the open-answer normalisation version (SCO-2). An event with no "version" member is version 1, recorded before version 2 and never rewritten: read it with the SPEC §3.1 default blueprint and pass marks and open-answer normalisation 1, as the product\'s upcaster does.',
    earlier: [
      {
        codec: ExamDefinedV1 as t.Mixed,
        title: 'ExamDefined version 1',
        description:
          'As recorded before version 2: no "version", "blueprint" or "openAnswerNormalisation" member. Read with the SPEC §3.1 default blueprint and pass marks and open-answer normalisation 1.',
      },
    ],
  },
}

const withEarlierVersions = (type: string, current: JsonSchema): JsonSchema => {
  const versioned = VERSIONED[type]
  if (versioned === undefined) return current
  return {
    type: 'object',
    oneOf: [
      { title: `${type} version ${versioned.earlier.length + 1}`, ...current },
      ...versioned.earlier.map(({ codec, title, description }) => ({
        title,
        description,
        ...convert(codec, type),
        not: { required: ['version'] },
      })),
    ],
  }
}

/** Every event type's schema, by type name, in catalogue order (category, then the union's order). */
export const eventSchemas = (): ReadonlyMap<string, JsonSchema> => {
  const schemas = new Map<string, JsonSchema>()
  for (const entry of DEFAULT_CATALOG)
    for (const member of members(entry.codec as t.Mixed)) {
      const type = typeOf(member)
      if (schemas.has(type)) throw new Error(`event type ${type} is in two categories`)
      const versioned = VERSIONED[type]
      schemas.set(type, {
        $schema: DIALECT,
        $id: `https://imtahan.example/docs/events/${type}.json`,
        title: type,
        description: `Event ${type} of stream category "${entry.category}" (streams ${entry.prefix}…): its data, with "type" added.${versioned === undefined ? '' : ` ${versioned.current}`}`,
        'x-category': entry.category,
        'x-stream-prefix': entry.prefix,
        ...withEarlierVersions(type, convert(member, type)),
      })
    }
  return schemas
}

/** The files of docs/events/ as they should be: name → exact text. */
export const eventSchemaFiles = (): ReadonlyMap<string, string> =>
  new Map(
    [...eventSchemas()].map(([type, schema]) => [`${type}.json`, `${JSON.stringify(schema, null, 2)}\n`]),
  )

/** Rewrites the `.json` files of `dir` (README.md and other files are left alone); returns how many. */
export const writeEventSchemas = async (dir: string): Promise<number> => {
  await mkdir(dir, { recursive: true })
  const files = eventSchemaFiles()
  for (const name of await readdir(dir))
    if (name.endsWith('.json') && !files.has(name)) await rm(join(dir, name))
  for (const [name, text] of files) {
    const old = await readFile(join(dir, name), 'utf8').catch(() => undefined)
    if (old !== text) await writeFile(join(dir, name), text)
  }
  return files.size
}
