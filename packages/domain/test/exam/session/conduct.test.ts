import { describe, expect, it } from 'vitest'
import {
  examSessionDecider,
  resultCertificate,
  type SessionCommand,
  type SessionEvent,
  sessionView,
} from '../../../src/index.js'
import { specification } from '../../support/specification.js'
import { answer, BB_CLOSED, context, fromStart, play, SESSION, seated, stateOf } from './fixtures.js'

const session = specification(examSessionDecider)

const pause = (pauseId: string): SessionCommand => ({
  type: 'PauseSession',
  sessionId: SESSION,
  pauseId,
  incident: 'power',
  note: 'Power cut in hall 1',
  pausedBy: 'staff-1',
})
const resume: SessionCommand = { type: 'ResumeSession', sessionId: SESSION, resumedBy: 'staff-1' }
const extend = (extensionId: string, minutes: number): SessionCommand => ({
  type: 'GrantExtension',
  sessionId: SESSION,
  extensionId,
  minutes,
  reason: 'Accommodation: visual impairment',
  grantedBy: 'board-1',
})
const violation = (outcome: 'warning' | 'removal', kind = 'prohibited_item'): SessionCommand =>
  ({
    type: 'RecordViolation',
    sessionId: SESSION,
    violationId: `v-${outcome}`,
    kind,
    outcome,
    note: 'Mobile phone found under the desk',
    evidenceRef: outcome === 'removal' ? 'video hall-1 10:32' : null,
    recordedBy: 'staff-1',
  }) as SessionCommand

const finished = (): SessionEvent[] =>
  play(
    [
      [answer(BB_CLOSED('logic', 1), 'A'), fromStart(10)],
      [{ type: 'FinishSession', sessionId: SESSION }, fromStart(60)],
    ],
    seated(),
  )

const annul = (decisionId: string, grounds = 'copying'): SessionCommand =>
  ({
    type: 'AnnulResult',
    sessionId: SESSION,
    decisionId,
    grounds,
    counterpartSessionIds: grounds === 'copying' ? ['cs-2026-06.cab-2'] : [],
    decidedBy: 'board-1',
    decidedAt: fromStart(60 * 24),
    reason: 'Identical answer patterns established by investigation',
    evidenceRef: 'report 2026/117',
  }) as SessionCommand

describe('Timer changes (EXM-19)', () => {
  it('EXM-19: a pause adds the paused time back to the deadline', () => {
    const history = play(
      [
        [pause('p-1'), fromStart(60)],
        [resume, fromStart(72)],
      ],
      seated(),
    )
    expect(history.at(-1)).toMatchObject({ type: 'SessionResumed', pauseId: 'p-1', pausedMs: 12 * 60_000 })
    expect(sessionView(stateOf(history), context(fromStart(185))).deadline).toEqual(fromStart(192))
    session
      .given(history)
      .when(answer(BB_CLOSED('logic', 1), 'A'), context(fromStart(191)))
      .events()
  })

  it('EXM-19: while paused nothing is answered and the time does not run out', () => {
    const paused = play([[pause('p-1'), fromStart(170)]], seated())
    session
      .given(paused)
      .when(answer(BB_CLOSED('logic', 1), 'A'), context(fromStart(171)))
      .thenFails('session.paused')
    expect(sessionView(stateOf(paused), context(fromStart(400))).phase).toBe('paused')
    session
      .given(paused)
      .when({ type: 'CloseIfDue', sessionId: SESSION }, context(fromStart(400)))
      .then([])
  })

  it('EXM-19: the board grants an individual extension before or during the exam, each with its reason', () => {
    const history = play(
      [
        [extend('x-1', 30), fromStart(-60)],
        [extend('x-2', 15), fromStart(100)],
      ],
      seated(),
    )
    expect(
      history
        .filter((e) => e.type === 'ExtensionGranted')
        .map((e) => e.type === 'ExtensionGranted' && e.reason),
    ).toEqual(['Accommodation: visual impairment', 'Accommodation: visual impairment'])
    expect(sessionView(stateOf(history), context(fromStart(100))).deadline).toEqual(fromStart(225))
    session
      .given(history)
      .when(extend('x-1', 30), context(fromStart(101)))
      .then([])
    session
      .given(finished())
      .when(extend('x-3', 10), context(fromStart(61)))
      .thenFails('session.ended')
  })
})

describe('Violations (EXM-18, EXM-20)', () => {
  it('EXM-20: a warning is recorded and the exam goes on', () => {
    const history = play([[violation('warning'), fromStart(30)]], seated())
    expect(history.at(-1)).toMatchObject({ type: 'ViolationRecorded', outcome: 'warning' })
    session
      .given(history)
      .when(answer(BB_CLOSED('logic', 1), 'A'), context(fromStart(31)))
      .events()
  })

  it('EXM-20: removal ends the session at once and annuls the result', () => {
    const events = session
      .given(seated())
      .when(violation('removal'), context(fromStart(30)))
      .events()
    expect(events.map((e) => e.type)).toEqual(['ViolationRecorded', 'SessionEnded', 'ResultAnnulled'])
    expect(events[1]).toMatchObject({ reason: 'removed', endedAt: fromStart(30) })
    expect(events[2]).toMatchObject({
      grounds: 'removal',
      decidedBy: 'staff-1',
      evidenceRef: 'video hall-1 10:32',
    })
    const state = stateOf([...seated(), ...events])
    expect(resultCertificate(state)).toMatchObject({ annulled: true, passed: false })
    session
      .given([...seated(), ...events])
      .when(answer(BB_CLOSED('logic', 1), 'A'), context(fromStart(31)))
      .thenFails('session.ended')
  })

  it('EXM-20: a removal without an evidence reference is refused', () => {
    session
      .given(seated())
      .when({ ...violation('removal'), evidenceRef: null } as SessionCommand, context(fromStart(30)))
      .thenFails('session.evidence_required')
  })

  it('EXM-18: leaving the hall and coming back after the start is a violation; before the start it cannot happen', () => {
    const history = play([[violation('warning', 'left_and_returned'), fromStart(50)]], seated())
    expect(history.at(-1)).toMatchObject({ kind: 'left_and_returned' })
    session
      .given(seated())
      .when(violation('warning', 'left_and_returned'), context(fromStart(-5)))
      .thenFails('session.not_started')
  })
})

describe('Annulment and court (EXM-21, EXM-22)', () => {
  it('EXM-21: an annulment records who decided, when, why and the evidence, naming the copying counterpart', () => {
    const [event] = session
      .given(finished())
      .when(annul('d-1'), context(fromStart(60 * 25)))
      .events()
    expect(event).toMatchObject({
      type: 'ResultAnnulled',
      decisionId: 'd-1',
      grounds: 'copying',
      counterpartSessionIds: ['cs-2026-06.cab-2'],
      decidedBy: 'board-1',
      decidedAt: fromStart(60 * 24),
      reason: 'Identical answer patterns established by investigation',
      evidenceRef: 'report 2026/117',
    })
    session
      .given([...finished(), ...(event ? [event] : [])])
      .when(annul('d-1'), context(fromStart(60 * 26)))
      .then([])
    session
      .given([...finished(), ...(event ? [event] : [])])
      .when(annul('d-2', 'impersonation'), context(fromStart(60 * 26)))
      .thenFails('session.already_annulled')
  })

  it('EXM-21: forged documents or impersonation annul one result; a session with no result cannot be annulled', () => {
    const [event] = session
      .given(finished())
      .when(annul('d-9', 'forged_documents'), context(fromStart(60 * 25)))
      .events()
    expect(event).toMatchObject({ grounds: 'forged_documents', counterpartSessionIds: [] })
    session
      .given(seated())
      .when(annul('d-9', 'impersonation'), context(fromStart(10)))
      .thenFails('session.no_result')
  })

  it('EXM-22: a court challenge is recorded; a reversal lifts the annulment and the result counts again', () => {
    const annulled = play([[annul('d-1'), fromStart(60 * 25)]], finished())
    const file: SessionCommand = {
      type: 'FileCourtChallenge',
      sessionId: SESSION,
      challengeId: 'c-1',
      decisionId: 'd-1',
      caseReference: 'Baku Administrative Court 2-1/2026',
    }
    const filed = play([[file, fromStart(60 * 48)]], annulled)
    session
      .given(filed)
      .when(file, context(fromStart(60 * 49)))
      .then([])
    session
      .given(filed)
      .when({ ...file, challengeId: 'c-2' }, context(fromStart(60 * 49)))
      .thenFails('session.challenge_open')
    const ruled = play(
      [
        [
          {
            type: 'RecordCourtRuling',
            sessionId: SESSION,
            challengeId: 'c-1',
            outcome: 'annulment_reversed',
            rulingReference: 'Ruling 2-1/2026 of 1 Sep 2026',
          },
          fromStart(60 * 24 * 80),
        ],
      ],
      filed,
    )
    expect(ruled.at(-1)).toMatchObject({
      type: 'CourtRulingRecorded',
      decisionId: 'd-1',
      outcome: 'annulment_reversed',
    })
    const state = stateOf(ruled)
    expect(state.annulment).toBeUndefined()
    expect(state.annulments).toHaveLength(1)
    expect(resultCertificate(state)).toMatchObject({ annulled: false })
  })

  it('EXM-22: only an annulment of this session can be challenged', () => {
    session
      .given(finished())
      .when(
        {
          type: 'FileCourtChallenge',
          sessionId: SESSION,
          challengeId: 'c-1',
          decisionId: 'd-x',
          caseReference: 'case',
        },
        context(fromStart(60 * 48)),
      )
      .thenFails('session.unknown_annulment')
  })
})
