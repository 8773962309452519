import { describe, expect, it } from 'vitest'
import { examSessionDecider, Money, resultCertificate, sessionView } from '../../../src/index.js'
import { specification } from '../../support/specification.js'
import {
  CABINET,
  context,
  EXAM,
  examHistory,
  money,
  play,
  REGISTERED_AT,
  REGISTRATION,
  registered,
  SESSION,
  SITTING,
  sittingOf,
  stateOf,
} from './fixtures.js'

const session = specification(examSessionDecider)
const request = {
  type: 'RequestRegistration',
  examId: EXAM,
  cabinetId: CABINET,
  walletId: 'w-1',
  subgroup: 'BB2',
} as const

describe('ExamSession registration (EXM-10)', () => {
  it('EXM-10: a request records the subgroup, the fee and a registration id derived from the session', () => {
    const [event] = session.given([]).when(request, context(REGISTERED_AT)).events()
    expect(event).toMatchObject({
      type: 'RegistrationRequested',
      sessionId: `${EXAM}.${CABINET}`,
      registrationId: REGISTRATION,
      subgroup: 'BB2',
      attempt: 1,
    })
    expect(event?.type === 'RegistrationRequested' && Money.format(event.fee)).toBe('10.00')
  })

  it('EXM-10: not enough money in the account → not registered, nothing recorded', () => {
    const error = session
      .given([])
      .when(request, { ...context(REGISTERED_AT), balance: money('9.99') })
      .thenFails('session.insufficient_funds')
    expect(error.message).toContain('10.00')
  })

  it('EXM-10: confirmed registration issues the admission slip (slip number, sitting, venue, hall, seat, time)', () => {
    const history = registered()
    const confirmed = history.at(-1)
    expect(confirmed).toMatchObject({
      type: 'RegistrationConfirmed',
      chargeId: `examfee:${REGISTRATION}`,
      slip: {
        slipNumber: `${EXAM}-00001`,
        examId: EXAM,
        venue: SITTING.venue,
        hallId: 'hall-1',
        hallName: 'Hall 1',
        seat: 1,
        subgroup: 'BB2',
        startsAt: SITTING.startsAt,
        arriveBy: new Date(SITTING.startsAt.getTime() - 30 * 60_000),
      },
    })
    expect(sessionView(stateOf(history), context(REGISTERED_AT)).phase).toBe('registered')
  })

  it('EXM-10: a free sitting (fee 0.00) confirms as soon as the seat is assigned, with no charge', () => {
    const free = sittingOf(examHistory({ fee: Money.zero }))
    const events = play(
      [
        [request, REGISTERED_AT],
        [
          {
            type: 'AssignSeat',
            sessionId: SESSION,
            registrationId: REGISTRATION,
            hallId: 'hall-2',
            seat: 1,
            slipNumber: `${EXAM}-00001`,
          },
          REGISTERED_AT,
        ],
      ],
      [],
      free,
    )
    expect(events.map((e) => e.type)).toEqual([
      'RegistrationRequested',
      'SeatAssigned',
      'RegistrationConfirmed',
    ])
    expect(events[2]).toMatchObject({ chargeId: null, slip: { hallName: 'Hall 2' } })
  })

  it('EXM-10: one registration per candidate per sitting; a repeat of a pending request records nothing', () => {
    session.given(registered()).when(request, context(REGISTERED_AT)).thenFails('session.already_registered')
    const pending = play([[request, REGISTERED_AT]])
    session.given(pending).when(request, context(REGISTERED_AT)).then([])
    session
      .given(pending)
      .when({ ...request, subgroup: 'BB3' }, context(REGISTERED_AT))
      .thenFails('session.registration_pending')
  })

  it('EXM-10: a refused registration (fee not charged) can be asked again as a new attempt', () => {
    const refused = play([
      [request, REGISTERED_AT],
      [
        {
          type: 'RefuseRegistration',
          sessionId: SESSION,
          registrationId: REGISTRATION,
          reason: 'wallet.insufficient_funds',
        },
        REGISTERED_AT,
      ],
    ])
    expect(refused.at(-1)).toMatchObject({ type: 'RegistrationRefused', seatHeld: false })
    const [again] = session.given(refused).when(request, context(REGISTERED_AT)).events()
    expect(again).toMatchObject({ attempt: 2, registrationId: `${SESSION}:2` })
  })

  it('EXM-10: a confirmation after the refusal is refused (the charge must be refunded)', () => {
    const refused = play([
      [request, REGISTERED_AT],
      [
        { type: 'RefuseRegistration', sessionId: SESSION, registrationId: REGISTRATION, reason: 'x' },
        REGISTERED_AT,
      ],
    ])
    session
      .given(refused)
      .when(
        {
          type: 'ConfirmRegistration',
          sessionId: SESSION,
          registrationId: REGISTRATION,
          chargeId: 'examfee:x:1',
        },
        context(REGISTERED_AT),
      )
      .thenFails('session.registration_refused')
  })

  it('EXM-10: registration closes before the sitting; a group the sitting does not offer is refused', () => {
    session
      .given([])
      .when(request, context(new Date(SITTING.startsAt.getTime() - 60_000)))
      .thenFails('session.registration_closed')
    session
      .given([])
      .when({ ...request, subgroup: 'AC1' }, context(REGISTERED_AT))
      .thenFails('session.group_not_offered')
  })

  it('EXM-17: no certificate before the session has ended', () => {
    expect(resultCertificate(stateOf(registered()))).toBeUndefined()
  })
})
