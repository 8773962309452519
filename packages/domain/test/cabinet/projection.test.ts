import { describe, expect, it } from 'vitest'
import {
  type CabinetCommand,
  type CabinetEvent,
  cabinetDecider,
  cabinetOverviewOf,
  fold,
} from '../../src/index.js'
import { right } from '../support/specification.js'
import {
  at,
  cabinetId,
  cabinetNumber,
  context,
  document,
  email,
  fin,
  found,
  hashOf,
  newDocument,
  newPhone,
  phone,
  registeredDocument,
  renewedPerson,
  T0,
} from './fixtures.js'

/** Runs commands through the decider as the application would, each at its own second. */
const journey = (steps: ReadonlyArray<readonly [number, CabinetCommand]>): CabinetEvent[] => {
  const events: CabinetEvent[] = []
  for (const [second, command] of steps)
    events.push(...right(cabinetDecider.decide(command, fold(cabinetDecider, events), context(at(second)))))
  return events
}

const wholeLife = journey([
  [0, { type: 'StartRegistration', cabinetId, document, fin, registry: found() }],
  [10, { type: 'SetContacts', phone, email, codeHash: hashOf('111111') }],
  [20, { type: 'ConfirmPhone', code: '111111' }],
  [
    30,
    { type: 'CompleteRegistration', password: 'Xəzər2026dəniz', passwordHash: 'scrypt:first', cabinetNumber },
  ],
  [100, { type: 'ChangeContacts', phone: newPhone, codeHash: hashOf('444444') }],
  [200, { type: 'RenewDocument', document: newDocument, registry: found(renewedPerson) }],
])

describe('Cabinet overview projection', () => {
  it('shows nothing before registration starts', () => {
    expect(cabinetOverviewOf([])).toBeUndefined()
  })

  it('CAB-2/CAB-4: during registration it shows the registry data and the pending number', () => {
    expect(cabinetOverviewOf(wholeLife.slice(0, 3))).toEqual({
      cabinetId,
      stage: 'registering',
      person: { surname: 'Məmmədova', name: 'Aysel', patronymic: 'Rauf qızı', birthDate: '1998-04-17' },
      documents: { current: registeredDocument, history: [] },
      phone: { pending: phone },
      email,
      startedAt: T0,
    })
  })

  it('CAB-5/CAB-7/CAB-8/CAB-9: after a whole life it shows number, stage, documents with history and both numbers', () => {
    expect(cabinetOverviewOf(wholeLife)).toEqual({
      cabinetId,
      stage: 'completed',
      cabinetNumber,
      person: { surname: 'Əliyeva', name: 'Aysel', patronymic: 'Rauf qızı', birthDate: '1998-04-17' },
      documents: { current: renewedPerson.document, history: [registeredDocument] },
      phone: { confirmed: phone, pending: newPhone },
      email,
      startedAt: T0,
      completedAt: at(30),
    })
  })

  it('never holds the FIN, a password hash or a code hash', () => {
    const view = JSON.stringify(cabinetOverviewOf(wholeLife))
    for (const secret of [
      fin,
      'scrypt:first',
      hashOf('111111'),
      hashOf('444444'),
      'codeHash',
      'passwordHash',
    ])
      expect(view).not.toContain(secret)
  })

  it('is the public part of the decider’s state, so the two cannot drift apart', () => {
    const state = fold(cabinetDecider, wholeLife)
    expect(state.stage === 'open' && state.overview).toEqual(cabinetOverviewOf(wholeLife))
  })
})
