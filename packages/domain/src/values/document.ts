import * as t from 'io-ts'
import { normalisedString } from './refined.js'

/** CAB-1 default list; the operator can configure another one. */
export const DEFAULT_DOCUMENT_SERIES = ['AZE', 'AA', 'MYI', 'DYI'] as const

export type DocumentSeries = string & t.Brand<{ readonly DocumentSeries: symbol }>

/** A codec for a series drawn from the configured list. */
export const documentSeriesCodec = (allowed: readonly string[] = DEFAULT_DOCUMENT_SERIES) =>
  new t.Type<DocumentSeries, string, unknown>(
    'DocumentSeries',
    (u): u is DocumentSeries => typeof u === 'string' && allowed.includes(u),
    (input, context) =>
      typeof input === 'string' && allowed.includes(input)
        ? t.success(input as DocumentSeries)
        : t.failure(input, context, `the document series must be one of ${allowed.join(', ')}`),
    (value) => value,
  )

export const DocumentSeries = documentSeriesCodec()

/**
 * Any series shape (1–5 capital Latin letters), for reading stored events:
 * history written under an earlier policy must still decode after the
 * operator changes the list. New input is checked against the policy.
 */
export const StoredDocumentSeries = normalisedString(
  'DocumentSeries',
  (raw) => (/^[A-Z]{1,5}$/.test(raw) ? raw : undefined),
  'a document series is 1 to 5 capital Latin letters',
)

/** Document numbers are digits only (5–10 of them: ID cards have 7–8, older passports fewer). */
export const DocumentNumber = normalisedString(
  'DocumentNumber',
  (raw) => (/^\d{5,10}$/.test(raw) ? raw : undefined),
  'a document number is 5 to 10 digits',
)
export type DocumentNumber = t.TypeOf<typeof DocumentNumber>

export const IdentityDocument = t.type({ series: DocumentSeries, number: DocumentNumber }, 'IdentityDocument')
export type IdentityDocument = t.TypeOf<typeof IdentityDocument>
