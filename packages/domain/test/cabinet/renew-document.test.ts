import { describe, expect, it } from 'vitest'
import { cabinetDecider, cabinetOverviewOf } from '../../src/index.js'
import { specification } from '../support/specification.js'
import {
  at,
  cabinetId,
  complete,
  context,
  document,
  found,
  newDocument,
  otherFin,
  registeredDocument,
  registering,
  registryPerson,
  renewedPerson,
} from './fixtures.js'

const cabinet = specification(cabinetDecider)
const renew = (registry = found(renewedPerson), doc = newDocument) =>
  ({ type: 'RenewDocument', document: doc, registry }) as const
const renewed = {
  type: 'DocumentRenewed',
  cabinetId,
  person: { surname: 'Əliyeva', name: 'Aysel', patronymic: 'Rauf qızı', birthDate: '1998-04-17' },
  document: { ...newDocument, issuedOn: '2026-02-20', expiresOn: '2036-02-19' },
  renewedAt: at(100),
} as const

describe('Renewing the identity document (CAB-8)', () => {
  it('CAB-8: a new document of the same FIN is recorded with the registry’s current personal data', () => {
    cabinet
      .given(complete)
      .when(renew(), context(at(100)))
      .then([renewed])
  })

  it('CAB-8: the history of documents is kept', () => {
    const view = cabinetOverviewOf([...complete, renewed])
    expect(view?.documents).toEqual({ current: renewed.document, history: [registeredDocument] })
    expect(view?.person.surname).toBe('Əliyeva')
  })

  it('CAB-8: a document the registry lists under another FIN is refused and changes nothing', () => {
    const stranger = registryPerson({ ...renewedPerson, fin: otherFin })
    const error = cabinet
      .given(complete)
      .when(renew(found(stranger)), context(at(100)))
      .thenFails('cabinet.document_of_another_person')
    expect(error.message).toContain('another FIN')
  })

  it('CAB-8: no registry match, or an expired new document, is refused', () => {
    cabinet
      .given(complete)
      .when(renew({ found: false }), context(at(100)))
      .thenFails('cabinet.registry_no_match')
    const expired = registryPerson({
      document: { ...newDocument, issuedOn: '2015-01-01', expiresOn: '2025-01-01' },
    })
    cabinet
      .given(complete)
      .when(renew(found(expired)), context(at(100)))
      .thenFails('cabinet.document_expired')
  })

  it('CAB-8: pressing "Sənədim yenilənib" again for the document in force is idempotent', () => {
    cabinet
      .given([...complete, renewed])
      .when(renew(), context(at(200)))
      .then([])
    cabinet
      .given(complete)
      .when(renew(found(), document), context(at(200)))
      .then([])
  })

  it('CAB-8: only a completed cabinet renews its document', () => {
    cabinet
      .given(registering)
      .when(renew(), context(at(100)))
      .thenFails('cabinet.not_completed')
  })
})
