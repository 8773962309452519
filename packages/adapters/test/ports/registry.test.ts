import { DocumentNumber, DocumentSeries, Fin, LocalDate } from '@imtahan/domain'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { createFixtureRegistry, FIXTURE_PEOPLE, generatedPerson } from '../../src/ports/index.js'

const registry = createFixtureRegistry()

describe('dev population registry (fixtures in docs/fixtures.md)', () => {
  it('CAB-1: a fixture triple matches and CAB-2: the answer carries the registry data', async () => {
    expect(await registry.lookup({ fin: '5ZK7P2Q', series: 'AZE', number: '12345678' })).toEqual({
      found: true,
      person: {
        surname: 'Həsənov',
        name: 'Rəşad',
        patronymic: 'Elçin',
        birthDate: '1998-03-14',
        document: { series: 'AZE', number: '12345678', issuedOn: '2021-05-10', expiresOn: '2031-05-09' },
      },
    })
  })

  it('CAB-1: a wrong series, number, or FIN — or another case of the FIN — does not match', async () => {
    for (const query of [
      { fin: '5ZK7P2Q', series: 'AA', number: '12345678' },
      { fin: '5ZK7P2Q', series: 'AZE', number: '12345679' },
      { fin: '4XR8M2L', series: 'AZE', number: '12345678' },
      { fin: '5zk7p2q', series: 'AZE', number: '12345678' },
      { fin: 'ZZZZZZZ', series: 'AZE', number: '12345678' },
    ])
      expect(await registry.lookup(query)).toEqual({ found: false })
  })

  it('every fixture is valid input: FIN, series, number and dates pass the domain codecs', () => {
    expect(FIXTURE_PEOPLE.length).toBeGreaterThanOrEqual(6)
    for (const person of FIXTURE_PEOPLE) {
      expect(E.isRight(Fin.decode(person.fin)), person.fin).toBe(true)
      expect(E.isRight(LocalDate.decode(person.birthDate))).toBe(true)
      for (const document of person.documents) {
        expect(E.isRight(DocumentSeries.decode(document.series))).toBe(true)
        expect(E.isRight(DocumentNumber.decode(document.number))).toBe(true)
        expect(E.isRight(LocalDate.decode(document.issuedOn))).toBe(true)
        expect(document.expiresOn > document.issuedOn).toBe(true)
      }
    }
  })

  it('has a person whose only document is expired', async () => {
    const answer = await registry.lookup({ fin: '3QM9R7E', series: 'AZE', number: '67812345' })
    expect(answer.found && answer.person.document.expiresOn).toBe('2024-08-31')
  })

  it('CAB-8: a renewal finds the new document for the same FIN, not the old one nor a stranger', async () => {
    const old = { fin: '8LC4Y6U', series: 'AZE', number: '78123456' }
    const renewed = { fin: '8LC4Y6U', series: 'AZE', number: '81234567' }
    expect((await registry.lookup(old)).found).toBe(true)
    const answer = await registry.lookupRenewal(renewed)
    expect(answer.found && answer.person).toMatchObject({
      surname: 'İsmayılov',
      document: { number: '81234567' },
    })
    expect(await registry.lookupRenewal(old)).toEqual({ found: false })
    expect(await registry.lookupRenewal({ ...renewed, fin: '5ZK7P2Q' })).toEqual({ found: false })
  })

  it('generates a stable, valid person for every DEVnnnn and only for its own document', async () => {
    const first = await registry.lookup({ fin: 'DEV0042', series: 'AZE', number: '10000042' })
    expect(first).toEqual(
      await createFixtureRegistry().lookup({ fin: 'DEV0042', series: 'AZE', number: '10000042' }),
    )
    expect(first.found && first.person).toMatchObject({
      surname: 'Rzayev',
      name: 'Anar',
      patronymic: 'Həbib',
      birthDate: '1987-07-15',
    })
    expect((await registry.lookup({ fin: 'DEV0043', series: 'AZE', number: '10000043' })).found).toBe(true)
    expect(await registry.lookup({ fin: 'DEV0042', series: 'AZE', number: '10000043' })).toEqual({
      found: false,
    })
    for (const n of [0, 1, 999, 4242, 9999]) {
      const person = generatedPerson(`DEV${String(n).padStart(4, '0')}`)
      expect(person).toBeDefined()
      expect(E.isRight(Fin.decode(person?.fin))).toBe(true)
      expect(E.isRight(LocalDate.decode(person?.birthDate))).toBe(true)
      expect(E.isRight(DocumentNumber.decode(person?.documents[0].number))).toBe(true)
    }
    expect(generatedPerson('DEV00421')).toBeUndefined()
  })
})
