import * as t from 'io-ts'
import { LocalDate } from '../kernel/time.js'
import { DocumentNumber, StoredDocumentSeries } from '../values/document.js'
import { Fin } from '../values/fin.js'
import { normalisedString } from '../values/refined.js'

/**
 * A cabinet's stream key, a UUID chosen by the application. Never the FIN:
 * stream ids end up in logs, URLs and metrics, and the FIN is personal data.
 */
export const CabinetId = normalisedString(
  'CabinetId',
  (raw) => {
    const lower = raw.toLowerCase()
    return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(lower) ? lower : undefined
  },
  'a cabinet id is a UUID such as 6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b',
)
export type CabinetId = t.TypeOf<typeof CabinetId>

/** CAB-2: who the registry says the person is. */
export const PersonDetails = t.type(
  { surname: t.string, name: t.string, patronymic: t.string, birthDate: LocalDate },
  'PersonDetails',
)
export type PersonDetails = t.TypeOf<typeof PersonDetails>

/** An identity document as the registry knows it (CAB-2, CAB-8). */
export const RegisteredDocument = t.type(
  { series: StoredDocumentSeries, number: DocumentNumber, issuedOn: LocalDate, expiresOn: LocalDate },
  'RegisteredDocument',
)
export type RegisteredDocument = t.TypeOf<typeof RegisteredDocument>

export const RegistryPerson = t.intersection(
  [PersonDetails, t.type({ fin: Fin, document: RegisteredDocument })],
  'RegistryPerson',
)
export type RegistryPerson = t.TypeOf<typeof RegistryPerson>

/**
 * The population-registry port's answer for (series, number, FIN), looked up
 * by the application before the command. The answer names the FIN and the
 * document it matched, so the domain can check it is about the right person.
 */
export const RegistryAnswer = t.union(
  [t.type({ found: t.literal(false) }), t.type({ found: t.literal(true), person: RegistryPerson })],
  'RegistryAnswer',
)
export type RegistryAnswer = t.TypeOf<typeof RegistryAnswer>

export const personDetailsOf = (person: RegistryPerson): PersonDetails => ({
  surname: person.surname,
  name: person.name,
  patronymic: person.patronymic,
  birthDate: person.birthDate,
})
