import { describe, expect, it } from 'vitest'
import {
  DEFAULT_DOCUMENT_SERIES,
  DocumentNumber,
  DocumentSeries,
  documentSeriesCodec,
  IdentityDocument,
  StoredDocumentSeries,
} from '../../src/index.js'
import { decoded, expectRefused } from './codec-assertions.js'

describe('identity document (CAB-1)', () => {
  it('CAB-1: the default series are AZE, AA, MYI and DYI', () => {
    expect(DEFAULT_DOCUMENT_SERIES).toEqual(['AZE', 'AA', 'MYI', 'DYI'])
    for (const series of DEFAULT_DOCUMENT_SERIES) expect(decoded(DocumentSeries, series)).toBe(series)
  })

  it('CAB-1: another series is refused with the list to choose from', () => {
    for (const bad of ['AB', 'aze', 'AZE ', '', 7])
      expectRefused(DocumentSeries, bad, 'the document series must be one of AZE, AA, MYI, DYI')
  })

  it('CAB-1: the list of series is configurable', () => {
    const codec = documentSeriesCodec(['P', 'AZE'])
    expect(decoded(codec, 'P')).toBe('P')
    expectRefused(codec, 'AA', 'must be one of P, AZE')
  })

  it('stored series of any shape still decode after the policy changes, but not garbage', () => {
    expect(decoded(StoredDocumentSeries, 'XYZ')).toBe('XYZ')
    for (const bad of ['xyz', 'ABCDEF', 'A1', '']) expectRefused(StoredDocumentSeries, bad, '1 to 5 capital')
  })

  it('CAB-1: a document number is 5 to 10 digits', () => {
    expect(decoded(DocumentNumber, '12345')).toBe('12345')
    expect(decoded(DocumentNumber, '1234567890')).toBe('1234567890')
    for (const bad of ['1234', '12345678901', '12 345', 'A123456', '', 1234567])
      expectRefused(DocumentNumber, bad, 'a document number is 5 to 10 digits')
  })

  it('a document with several faults lists each field in the message', () => {
    expectRefused(
      IdentityDocument,
      { series: 'ZZ', number: 'x' },
      'series: the document series must be one of',
    )
    expectRefused(
      IdentityDocument,
      { series: 'ZZ', number: 'x' },
      'number: a document number is 5 to 10 digits',
    )
  })
})
