import { AppealStatusFilter } from '@imtahan/adapters'
import {
  DisputedTaskIds,
  ExamId,
  GrantExtension,
  Grounds,
  Hall,
  Id,
  Instant,
  Label,
  LocalDate,
  MoneyFromString,
  Reasons,
  SeatNumber,
  Timing,
} from '@imtahan/domain'
import type * as t from 'io-ts'
import { describeCodec, type JsonSchema } from './json-schema.js'

/*
 * The JSON Schemas of the domain's own leaf codecs (custom `t.Type`s io-ts
 * cannot describe by its structure), registered on the codecs themselves so
 * that a domain structure decoded at the edge as it is (a form with its key,
 * a review, a presented document) is documented as it is decoded. A field
 * that needs its own description uses `documented` (a copy) instead.
 */

const whole = (minimum: number, maximum: number): JsonSchema => ({ type: 'integer', minimum, maximum })

const leaves: ReadonlyArray<readonly [t.Mixed, JsonSchema]> = [
  [Id, { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$' }],
  [Label, { type: 'string', minLength: 1, maxLength: 200 }],
  [ExamId, { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9_-]{0,47}$' }],
  [Instant, { type: 'string', format: 'date-time' }],
  [LocalDate, { type: 'string', format: 'date' }],
  [MoneyFromString, { type: 'string', pattern: '^(0|[1-9]\\d{0,14})(\\.\\d{1,2})?$', description: 'AZN' }],
  [SeatNumber, whole(1, 10_000)],
  [Hall.props.seats, whole(1, 10_000)],
  [GrantExtension.props.minutes, whole(1, 24 * 60)],
  ...Object.entries(Timing.props).map(
    ([name, minutes]) => [minutes, whole(name === 'durationMinutes' ? 1 : 0, 7 * 24 * 60)] as const,
  ),
  [Grounds, { type: 'string', minLength: 1, maxLength: 4000 }],
  [Reasons, { type: 'string', minLength: 1, maxLength: 4000 }],
  [AppealStatusFilter, { type: 'string', enum: ['open', 'rejected', 'upheld'] }],
  [
    DisputedTaskIds,
    { type: 'array', items: { type: 'string' }, minItems: 1, maxItems: 100, uniqueItems: true },
  ],
]

for (const [codec, schema] of leaves) describeCodec(codec, schema)
