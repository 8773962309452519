import {
  type CabinetContext,
  type CabinetEvent,
  CabinetId,
  CabinetNumber,
  cabinetNumberFor,
  DEFAULT_CABINET_POLICY,
  DocumentNumber,
  DocumentSeries,
  Email,
  Fin,
  type IdentityDocument,
  PhoneNumber,
  type RegistryAnswer,
  type RegistryPerson,
} from '../../src/index.js'
import { decoded } from '../values/codec-assertions.js'

/** A test world: one person, her documents, numbers and a clock that moves in seconds. */
export const cabinetId = decoded(CabinetId, '6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b')
export const otherCabinetId = decoded(CabinetId, '0a1b2c3d-4e5f-4a6b-8c7d-8e9f0a1b2c3d')
export const fin = decoded(Fin, '5ZK7P2Q')
export const otherFin = decoded(Fin, '7HM3X9T')
export const document: IdentityDocument = {
  series: decoded(DocumentSeries, 'AZE'),
  number: decoded(DocumentNumber, '12345678'),
}
export const newDocument: IdentityDocument = {
  series: decoded(DocumentSeries, 'AA'),
  number: decoded(DocumentNumber, '7654321'),
}
export const phone = decoded(PhoneNumber, '050 123 45 67')
export const newPhone = decoded(PhoneNumber, '070 765 43 21')
export const email = decoded(Email, 'aysel@mail.az')
export const cabinetNumber = cabinetNumberFor(1)
export const anotherNumber = decoded(CabinetNumber, cabinetNumberFor(2))

export const T0 = new Date('2026-03-02T08:00:00Z')
export const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000)

/** The dev hasher's stand-in: the "hash" of a code is `hash:<code>`. */
export const hashOf = (code: string) => `hash:${code}`
export const context = (now: Date = T0, policy = DEFAULT_CABINET_POLICY): CabinetContext => ({
  now,
  policy,
  verifyCode: (code, hash) => hash === hashOf(code),
})

export const registeredDocument = { ...document, issuedOn: '2021-06-01', expiresOn: '2031-05-31' }

export const registryPerson = (overrides: Partial<RegistryPerson> = {}): RegistryPerson => ({
  fin,
  surname: 'Məmmədova',
  name: 'Aysel',
  patronymic: 'Rauf qızı',
  birthDate: '1998-04-17',
  document: registeredDocument,
  ...overrides,
})
export const found = (person: RegistryPerson = registryPerson()): RegistryAnswer => ({ found: true, person })

export const renewedPerson = registryPerson({
  surname: 'Əliyeva',
  document: { ...newDocument, issuedOn: '2026-02-20', expiresOn: '2036-02-19' },
})

/** Histories at each stage of the journey, built from events the decider itself emits. */
export const started: CabinetEvent = {
  type: 'RegistrationStarted',
  cabinetId,
  fin,
  person: { surname: 'Məmmədova', name: 'Aysel', patronymic: 'Rauf qızı', birthDate: '1998-04-17' },
  document: registeredDocument,
  startedAt: T0,
}
export const codeIssued = (to = phone, code = '111111', issuedAt = at(10)): CabinetEvent => ({
  type: 'PhoneCodeIssued',
  cabinetId,
  phone: to,
  codeHash: hashOf(code),
  issuedAt,
})
export const confirmed = (of = phone, confirmedAt = at(20)): CabinetEvent => ({
  type: 'PhoneConfirmed',
  cabinetId,
  phone: of,
  confirmedAt,
})
export const completed: CabinetEvent = {
  type: 'CabinetCompleted',
  cabinetId,
  cabinetNumber,
  passwordHash: 'scrypt:first',
  completedAt: at(30),
}
export const registering = [started, codeIssued(), confirmed()]
export const complete = [...registering, completed]
