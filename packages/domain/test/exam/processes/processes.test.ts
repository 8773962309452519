import { describe, expect, it } from 'vitest'
import {
  annulmentProcess,
  type ChargeFee,
  deadlineProcess,
  domainError,
  type ExamEvent,
  examDecider,
  examSessionDecider,
  foldSittingResults,
  openSessions,
  registrationChargeRefused,
  registrationProcess,
  rescoreProcess,
  type SessionEvent,
  type ToSession,
} from '../../../src/index.js'
import {
  answer,
  BB_CLOSED,
  CABINET,
  context,
  DEFINED_AT,
  decided,
  EXAM,
  examHistory,
  fromStart,
  money,
  play,
  REGISTERED_AT,
  REGISTRATION,
  SESSION,
  SITTING,
  seated,
  sittingOf,
  stateOf,
} from '../session/fixtures.js'

const AFTER = fromStart(60 * 24)

describe('Registration process (EXM-10)', () => {
  it('EXM-10: request → seat → fee charged → confirmed with a slip, every step with an id derived from the registration', () => {
    let session: SessionEvent[] = play([
      [
        { type: 'RequestRegistration', examId: EXAM, cabinetId: CABINET, walletId: 'w-1', subgroup: 'BB2' },
        REGISTERED_AT,
      ],
    ])
    let exam: ExamEvent[] = examHistory()
    const [allocate] = registrationProcess(session[0] as SessionEvent)
    expect(allocate).toMatchObject({
      to: 'exam',
      streamId: EXAM,
      commandId: `registration:${REGISTRATION}:seat`,
    })
    if (allocate?.to !== 'exam') throw new Error('expected an exam command')
    exam = [...exam, ...decided(examDecider, exam, allocate.command, { now: REGISTERED_AT })]
    const [assign] = registrationProcess(exam.at(-1) as ExamEvent)
    if (assign?.to !== 'session') throw new Error('expected a session command')
    session = play([[assign.command, REGISTERED_AT]], session)
    const [charge] = registrationProcess(session.at(-1) as SessionEvent)
    expect(charge).toMatchObject({
      to: 'wallet',
      streamId: 'w-1',
      commandId: `registration:${REGISTRATION}:fee`,
      command: { type: 'ChargeFee', chargeId: `examfee:${REGISTRATION}`, service: 'exam-registration' },
    })
    const [confirm] = registrationProcess({
      type: 'FeeCharged',
      walletId: 'w-1',
      chargeId: `examfee:${REGISTRATION}`,
      service: 'exam-registration',
      purpose: 'Registration',
      amount: money('10'),
      balance: money('0'),
      at: REGISTERED_AT,
    })
    if (confirm?.to !== 'session') throw new Error('expected a session command')
    session = play([[confirm.command, REGISTERED_AT]], session)
    expect(stateOf(session).slip).toMatchObject({ slipNumber: `${EXAM}-00001`, hallId: 'hall-1', seat: 1 })
    // A redelivered trigger produces the very same command, and the target answers it with nothing.
    expect(registrationProcess(session[0] as SessionEvent)).toEqual([allocate])
    expect(decided(examDecider, exam, allocate.command, { now: REGISTERED_AT })).toEqual([])
    expect(decided(examSessionDecider, session, confirm.command, context(REGISTERED_AT))).toEqual([])
  })

  it('EXM-10: a fee the wallet refuses → registration refused → the seat is released', () => {
    const charge: ChargeFee = {
      type: 'ChargeFee',
      walletId: 'w-1',
      chargeId: `examfee:${REGISTRATION}`,
      service: 'exam-registration',
      purpose: 'Registration',
      amount: money('10'),
      at: REGISTERED_AT,
    }
    const [refuse] = registrationChargeRefused(
      charge,
      domainError('wallet.insufficient_funds', 'not enough money'),
    )
    expect(refuse?.command).toEqual({
      type: 'RefuseRegistration',
      sessionId: SESSION,
      registrationId: REGISTRATION,
      reason: 'wallet.insufficient_funds',
    })
    const refused: SessionEvent = {
      type: 'RegistrationRefused',
      sessionId: SESSION,
      examId: EXAM,
      registrationId: REGISTRATION,
      reason: 'wallet.insufficient_funds',
      seatHeld: true,
      at: REGISTERED_AT,
    }
    expect(registrationProcess(refused)).toMatchObject([
      { to: 'exam', command: { type: 'ReleaseSeat', registrationId: REGISTRATION } },
    ])
    expect(
      registrationChargeRefused(
        { ...charge, chargeId: 'other-charge' },
        domainError('wallet.insufficient_funds', 'y'),
      ),
    ).toEqual([])
  })

  it('EXM-10: no seat left → the registration is refused, with nothing to release', () => {
    const [refuse] = registrationProcess({
      type: 'SeatAllocationDeclined',
      examId: EXAM,
      registrationId: REGISTRATION,
      sessionId: SESSION,
      reason: 'exam.seat_unavailable',
      at: DEFINED_AT,
    })
    expect(refuse?.command).toMatchObject({ type: 'RefuseRegistration', reason: 'exam.seat_unavailable' })
  })
})

describe('Annulment process (EXM-21)', () => {
  it('EXM-21: copying annuls both sessions in one decision', () => {
    const commands = annulmentProcess({
      type: 'AnnulmentDecided',
      examId: EXAM,
      decisionId: 'd-1',
      grounds: 'copying',
      sessionIds: [`${EXAM}.a`, `${EXAM}.b`],
      decidedBy: 'board-1',
      reason: 'Copying established',
      evidenceRef: 'report 12',
      decidedAt: AFTER,
    })
    expect(
      commands.map((c) => [c.commandId, c.command.type === 'AnnulResult' && c.command.counterpartSessionIds]),
    ).toEqual([
      [`annulment:d-1:${EXAM}.a`, [`${EXAM}.b`]],
      [`annulment:d-1:${EXAM}.b`, [`${EXAM}.a`]],
    ])
    expect(new Set(commands.map((c) => c.command.type === 'AnnulResult' && c.command.decisionId))).toEqual(
      new Set(['d-1']),
    )
  })
})

describe('Re-score and deadline processes (SCO-5, EXM-16)', () => {
  const finished = (cabinet: string, answers: ReadonlyArray<readonly [string, string]>): SessionEvent[] => {
    const history = seated().map((e) => ({ ...e, sessionId: `${EXAM}.${cabinet}` }) as SessionEvent)
    const id = `${EXAM}.${cabinet}`
    return play(
      [
        ...answers.map(
          ([taskId, value]) => [{ ...answer(taskId, value), sessionId: id }, fromStart(10)] as const,
        ),
        [{ type: 'FinishSession', sessionId: id }, fromStart(60)],
      ],
      history,
    )
  }

  it('SCO-5: an expert review targets exactly the finished sessions it changes; a repeat records nothing', () => {
    const task = BB_CLOSED('logic', 1)
    const right = finished('a', [[task, 'A']])
    const wrong = finished('b', [[task, 'B']])
    const blank = finished('c', [])
    const review = {
      reviewId: 'r-1',
      kind: 'accept_answer',
      taskId: task,
      answer: 'B',
      reason: 'B is also right',
    } as const
    const exam = examHistory()
    const recorded = decided(
      examDecider,
      exam,
      { type: 'RecordExpertReview', examId: EXAM, review, decidedBy: 'board-1' },
      { now: AFTER },
    )
    const sitting = sittingOf([...exam, ...recorded])
    const results = foldSittingResults([...exam, ...right, ...wrong, ...blank])
    const commands = rescoreProcess(recorded[0] as ExamEvent, sitting, results)
    expect(commands.map((c) => c.commandId)).toEqual([`rescore:r-1:${EXAM}.b`])
    const target = commands[0] as ToSession
    const revised = play([[target.command, AFTER]], wrong, sitting)
    expect(revised.at(-1)).toMatchObject({ type: 'ScoreRevised', oldScore: 0, newScore: 1 })
    expect(decided(examSessionDecider, revised, target.command, context(AFTER, sitting))).toEqual([])
    const after = foldSittingResults([...exam, ...right, ...revised, ...blank])
    expect(rescoreProcess(recorded[0] as ExamEvent, sitting, after)).toEqual([])
  })

  it('EXM-16: a deadline tick closes sessions still open past their deadline, extensions included', () => {
    const a = seated().map((e) => ({ ...e, sessionId: `${EXAM}.a` }) as SessionEvent)
    const b = play(
      [
        [
          {
            type: 'GrantExtension',
            sessionId: `${EXAM}.b`,
            extensionId: 'x',
            minutes: 30,
            reason: 'Accommodation',
            grantedBy: 'board-1',
          },
          fromStart(10),
        ],
      ],
      seated().map((e) => ({ ...e, sessionId: `${EXAM}.b` }) as SessionEvent),
    )
    const results = foldSittingResults([...examHistory(), ...a, ...b])
    expect(openSessions(results)).toHaveLength(2)
    expect(deadlineProcess(fromStart(179), results)).toEqual([])
    expect(deadlineProcess(fromStart(181), results).map((c) => c.streamId)).toEqual([`${EXAM}.a`])
    expect(deadlineProcess(fromStart(211), results).map((c) => c.command.type)).toEqual([
      'CloseIfDue',
      'CloseIfDue',
    ])
    expect(SITTING.timing.durationMinutes).toBe(180)
  })
})
