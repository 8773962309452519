import { describe, expect, it } from 'vitest'
import { examSessionDecider, resultCertificate, type SessionEvent, sessionView } from '../../../src/index.js'
import { specification } from '../../support/specification.js'
import {
  admitCommand,
  answer,
  BB_CLOSED,
  context,
  EXAM,
  fromStart,
  hallCommand,
  play,
  registered,
  SESSION,
  seated,
  stateOf,
} from './fixtures.js'

const session = specification(examSessionDecider)
const finish = { type: 'FinishSession', sessionId: SESSION } as const
const closeIfDue = { type: 'CloseIfDue', sessionId: SESSION } as const

describe('Arrival and admission (EXM-11, EXM-12)', () => {
  it('EXM-11: arriving exactly 30 minutes before the start is on time', () => {
    session
      .given(registered())
      .when(admitCommand(), context(fromStart(-30)))
      .then([
        {
          type: 'CandidateAdmitted',
          sessionId: SESSION,
          documentKind: 'id_card',
          checkedBy: 'staff-1',
          at: fromStart(-30),
        },
      ])
  })

  it('EXM-11: a candidate arriving after the cutoff is late and not admitted, the reason recorded', () => {
    session
      .given(registered())
      .when(admitCommand(), context(fromStart(-29)))
      .then([
        {
          type: 'AdmissionRefused',
          sessionId: SESSION,
          reasons: ['late'],
          checkedBy: 'staff-1',
          at: fromStart(-29),
        },
      ])
  })

  it('EXM-12: missing, expired or someone else’s document and a wrong slip are each recorded as reasons', () => {
    const cases: ReadonlyArray<readonly [Record<string, unknown>, readonly string[]]> = [
      [{ document: null }, ['document_missing']],
      [
        { document: { kind: 'passport', original: false, holderMatches: true, validUntil: '2030-01-01' } },
        ['document_not_original'],
      ],
      [
        { document: { kind: 'passport', original: true, holderMatches: true, validUntil: '2026-06-09' } },
        ['document_expired'],
      ],
      [
        { document: { kind: 'id_card', original: true, holderMatches: false, validUntil: '2030-01-01' } },
        ['document_not_this_persons'],
      ],
      [{ slip: null }, ['slip_missing']],
      [{ slip: { slipNumber: `${EXAM}-00001`, examId: 'other-sitting' } }, ['slip_not_this_sitting']],
      [{ slip: { slipNumber: `${EXAM}-00002`, examId: EXAM } }, ['slip_not_this_candidates']],
      [{ document: null, slip: null }, ['document_missing', 'slip_missing']],
    ]
    for (const [overrides, reasons] of cases) {
      const [event] = session
        .given(registered())
        .when(admitCommand(overrides), context(fromStart(-45)))
        .events()
      expect(event).toMatchObject({ type: 'AdmissionRefused', reasons })
    }
  })

  it('EXM-12: a document valid through the exam day is accepted; one turned away may come back before the cutoff', () => {
    const refused = play([[admitCommand({ document: null }), fromStart(-50)]], registered())
    session
      .given(refused)
      .when(
        admitCommand({
          document: {
            kind: 'temporary_id_card',
            original: true,
            holderMatches: true,
            validUntil: '2026-06-10',
          },
        }),
        context(fromStart(-35)),
      )
      .then([
        {
          type: 'CandidateAdmitted',
          sessionId: SESSION,
          documentKind: 'temporary_id_card',
          checkedBy: 'staff-1',
          at: fromStart(-35),
        },
      ])
  })

  it('EXM-12: only a registered candidate can be admitted', () => {
    session
      .given([])
      .when(admitCommand(), context(fromStart(-40)))
      .thenFails('session.not_registered')
  })
})

describe('In the hall (EXM-13, EXM-14)', () => {
  const admitted = () => play([[admitCommand(), fromStart(-40)]], registered())

  it('EXM-13: the candidate registers in the hall at the slip’s computer; the screen shows name and subgroup', () => {
    const [event] = session
      .given(admitted())
      .when(hallCommand, context(fromStart(-25)))
      .events()
    expect(event).toMatchObject({
      type: 'HallRegistered',
      screen: { surname: 'Məmmədov', name: 'Əli', patronymic: 'Vəli oğlu', subgroup: 'BB2' },
    })
    session
      .given(admitted())
      .when({ ...hallCommand, seat: 2 }, context(fromStart(-25)))
      .thenFails('session.wrong_seat')
    session
      .given(registered())
      .when(hallCommand, context(fromStart(-25)))
      .thenFails('session.not_admitted')
  })

  it('EXM-13: "call staff" is recorded; staff correct the data before the start, not after', () => {
    const call = {
      type: 'CallStaff',
      sessionId: SESSION,
      requestId: 'call-1',
      message: 'My patronymic is wrong',
    } as const
    const called = play([[call, fromStart(-20)]], seated())
    expect(called.at(-1)).toMatchObject({ type: 'StaffCalled', requestId: 'call-1' })
    session
      .given(called)
      .when(call, context(fromStart(-19)))
      .then([])
    const correct = {
      type: 'CorrectCandidateData',
      sessionId: SESSION,
      correctionId: 'fix-1',
      corrections: { patronymic: 'Vəli qızı', subgroup: 'BB3' },
      reason: 'Reported by the candidate (call-1)',
      correctedBy: 'staff-3',
    } as const
    const [fixed] = session
      .given(called)
      .when(correct, context(fromStart(-18)))
      .events()
    expect(fixed).toMatchObject({
      changes: [
        { field: 'patronymic', from: 'Vəli oğlu', to: 'Vəli qızı' },
        { field: 'subgroup', from: 'BB2', to: 'BB3' },
      ],
    })
    expect(stateOf([...called, ...(fixed ? [fixed] : [])]).subgroup).toBe('BB3')
    session
      .given(called)
      .when(correct, context(fromStart(0)))
      .thenFails('session.exam_started')
  })

  it('EXM-13: nobody registers in the hall after the start', () => {
    session
      .given(admitted())
      .when(hallCommand, context(fromStart(1)))
      .thenFails('session.too_late')
    expect(sessionView(stateOf(admitted()), context(fromStart(1))).phase).toBe('absent')
  })

  it('EXM-14: 15 minutes of familiarisation before the start; answers are refused until the exam starts', () => {
    const history = seated()
    expect(sessionView(stateOf(history), context(fromStart(-16))).phase).toBe('seated')
    expect(sessionView(stateOf(history), context(fromStart(-15))).phase).toBe('familiarisation')
    session
      .given(history)
      .when(answer(BB_CLOSED('logic', 1), 'A'), context(fromStart(-1)))
      .thenFails('session.not_started')
    expect(sessionView(stateOf(history), context(fromStart(0))).phase).toBe('in_progress')
  })
})

describe('Answering and finishing (EXM-15, EXM-16, EXM-17)', () => {
  it('EXM-15: tasks are answered in any order and answers can be changed until the end', () => {
    const history = play(
      [
        [answer(BB_CLOSED('logic', 30), 'b'), fromStart(1)],
        [answer(BB_CLOSED('azerbaijani', 1), 'A'), fromStart(2)],
        [answer(BB_CLOSED('logic', 30), 'A'), fromStart(179)],
      ],
      seated(),
    )
    expect(stateOf(history).answers).toEqual({
      [BB_CLOSED('logic', 30)]: 'A',
      [BB_CLOSED('azerbaijani', 1)]: 'A',
    })
    session
      .given(history)
      .when(answer(BB_CLOSED('logic', 30), 'A'), context(fromStart(179)))
      .then([])
  })

  it('EXM-15: answers after the end are refused', () => {
    session
      .given(seated())
      .when(answer(BB_CLOSED('logic', 1), 'A'), context(fromStart(180)))
      .thenFails('session.ended')
  })

  it('EXM-15: an answer must name a task of the form and, for a closed task, one of its letters', () => {
    session
      .given(seated())
      .when(answer('no-such-task', 'A'), context(fromStart(5)))
      .thenFails('session.unknown_task')
    session
      .given(seated())
      .when(answer(BB_CLOSED('logic', 1), 'E'), context(fromStart(5)))
      .thenFails('session.invalid_answer')
  })

  it('EXM-16: finishing earlier than 45 minutes after the start is refused; at 45 minutes it ends the session', () => {
    const error = session
      .given(seated())
      .when(finish, context(fromStart(44)))
      .thenFails('session.too_early_to_finish')
    expect(error.message).toContain(fromStart(45).toISOString())
    const [ended] = session
      .given(seated())
      .when(finish, context(fromStart(45)))
      .events()
    expect(ended).toMatchObject({
      type: 'SessionEnded',
      reason: 'finished',
      endedAt: fromStart(45),
      deadline: fromStart(180),
    })
  })

  it('EXM-16: a session with no traffic is ended at its deadline', () => {
    const history = play([[answer(BB_CLOSED('logic', 1), 'A'), fromStart(10)]], seated())
    const later = context(fromStart(500))
    expect(sessionView(stateOf(history), later)).toMatchObject({
      phase: 'ended',
      endPending: true,
      remainingMs: 0,
    })
    const [ended] = session.given(history).when(closeIfDue, later).events()
    expect(ended).toMatchObject({ type: 'SessionEnded', reason: 'time_up', endedAt: fromStart(180) })
    session
      .given(history)
      .when(closeIfDue, context(fromStart(179)))
      .then([])
    session
      .given([...history, ...(ended ? [ended] : [])])
      .when(closeIfDue, later)
      .then([])
  })

  it('EXM-16: "finish" after the deadline records the end the time had already decided', () => {
    const [ended] = session
      .given(seated())
      .when(finish, context(fromStart(200)))
      .events()
    expect(ended).toMatchObject({ reason: 'time_up', endedAt: fromStart(180) })
  })

  it('EXM-17: the result certificate shows the score under the key, its breakdown and the pass mark', () => {
    const answers: Array<readonly [ReturnType<typeof answer>, Date]> = [
      ...Array.from(
        { length: 40 },
        (_, i) => [answer(BB_CLOSED('legislation', i + 1), 'A'), fromStart(10)] as const,
      ),
      ...Array.from(
        { length: 30 },
        (_, i) => [answer(BB_CLOSED('logic', i + 1), 'A'), fromStart(20)] as const,
      ),
      [answer(BB_CLOSED('informatics', 1), 'B'), fromStart(30)],
    ]
    const history: SessionEvent[] = play([...answers, [finish, fromStart(90)]], seated())
    const certificate = resultCertificate(stateOf(history))
    expect(certificate).toMatchObject({
      subgroup: 'BB2',
      passMark: 75,
      passed: false,
      annulled: false,
      score: {
        total: { points: 70, max: 100, correct: 70, wrong: 1, unanswered: 29 },
        bySubject: { legislation: { points: 40 }, logic: { points: 30 }, informatics: { wrong: 1 } },
      },
    })
  })
})
