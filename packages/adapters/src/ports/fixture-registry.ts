import { createRecordRegistry, type PopulationRegistry, type RegistryRecord } from './registry.js'

/**
 * Fictional people of the dev registry, documented in docs/fixtures.md. Any
 * resemblance to a real FIN is chance; none of these may reach production.
 */
export const FIXTURE_PEOPLE: readonly RegistryRecord[] = [
  {
    fin: '5ZK7P2Q',
    surname: 'Həsənov',
    name: 'Rəşad',
    patronymic: 'Elçin',
    birthDate: '1998-03-14',
    documents: [{ series: 'AZE', number: '12345678', issuedOn: '2021-05-10', expiresOn: '2031-05-09' }],
  },
  {
    fin: '4XR8M2L',
    surname: 'Quliyeva',
    name: 'Aynur',
    patronymic: 'Vüqar',
    birthDate: '2004-11-02',
    documents: [{ series: 'AA', number: '2345671', issuedOn: '2022-01-20', expiresOn: '2032-01-19' }],
  },
  {
    fin: '7HB3K9T',
    surname: 'Məmmədov',
    name: 'Tural',
    patronymic: 'Akif',
    birthDate: '1990-07-30',
    documents: [{ series: 'MYI', number: '3456712', issuedOn: '2023-03-01', expiresOn: '2028-02-29' }],
  },
  {
    fin: '2WG6N4D',
    surname: 'Abbasova',
    name: 'Leyla',
    patronymic: 'Fuad',
    birthDate: '2007-02-18',
    documents: [{ series: 'AZE', number: '45671234', issuedOn: '2023-02-20', expiresOn: '2033-02-19' }],
  },
  {
    fin: '9FJ5C1S',
    surname: 'Kərimov',
    name: 'Elvin',
    patronymic: 'Rauf',
    birthDate: '1985-12-05',
    documents: [{ series: 'DYI', number: '567123', issuedOn: '2024-07-01', expiresOn: '2029-06-30' }],
  },
  {
    // Expired document, no renewal: registration must say so.
    fin: '3QM9R7E',
    surname: 'Novruzova',
    name: 'Səbinə',
    patronymic: 'Ramiz',
    birthDate: '1995-09-09',
    documents: [{ series: 'AZE', number: '67812345', issuedOn: '2014-09-01', expiresOn: '2024-08-31' }],
  },
  {
    // Registers with the old card, then presses "Sənədim yenilənib" with the new one (CAB-8).
    fin: '8LC4Y6U',
    surname: 'İsmayılov',
    name: 'Kamran',
    patronymic: 'Tofiq',
    birthDate: '2001-04-22',
    documents: [
      { series: 'AZE', number: '78123456', issuedOn: '2016-12-01', expiresOn: '2026-11-30' },
      { series: 'AZE', number: '81234567', issuedOn: '2026-10-15', expiresOn: '2036-10-14' },
    ],
  },
]

const SURNAMES = ['Əliyev', 'Hüseynov', 'Rzayev', 'Cəfərov', 'Babayev', 'Sultanov', 'Orucov', 'Zeynalov']
const MALE_NAMES = ['Nihad', 'Orxan', 'Fərid', 'Samir', 'Ceyhun', 'Anar', 'Murad', 'Emil']
const FEMALE_NAMES = ['Günay', 'Nərmin', 'Aysel', 'Lalə', 'Sevinc', 'Xədicə', 'Fidan', 'Ülviyyə']
const FATHER_NAMES = ['Vaqif', 'Elşən', 'Rasim', 'Zaur', 'Natiq', 'Məhəmməd', 'Həbib', 'Yusif']

/** `DEV` and four digits: a generated person for demos and load tests. */
export const GENERATED_FIN = /^DEV(\d{4})$/

const pick = (list: readonly string[], index: number): string => list[index % list.length] ?? ''
const two = (value: number): string => String(value).padStart(2, '0')

/** The generated record of `DEVnnnn`: everything follows from nnnn, so it is the same on every run. */
export const generatedPerson = (fin: string): RegistryRecord | undefined => {
  const digits = GENERATED_FIN.exec(fin)?.[1]
  if (digits === undefined) return undefined
  const n = Number(digits)
  const female = n % 2 === 1
  const month = two((n % 12) + 1)
  const day = two((n % 28) + 1)
  return {
    fin,
    surname: pick(SURNAMES, n) + (female ? 'a' : ''),
    name: pick(female ? FEMALE_NAMES : MALE_NAMES, Math.floor(n / 2)),
    patronymic: pick(FATHER_NAMES, n * 7),
    birthDate: `${1985 + (n % 20)}-${month}-${day}`,
    documents: [
      {
        series: 'AZE',
        number: `1000${digits}`,
        issuedOn: `2021-${month}-${day}`,
        expiresOn: `2031-${month}-${day}`,
      },
    ],
  }
}

/** The dev registry: the fixture people plus every `DEVnnnn`. */
export const createFixtureRegistry = (extra: readonly RegistryRecord[] = []): PopulationRegistry => {
  const byFin = new Map([...FIXTURE_PEOPLE, ...extra].map((record) => [record.fin, record]))
  return createRecordRegistry((fin) => byFin.get(fin) ?? generatedPerson(fin))
}
