import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { examSessionDecider, type SessionCommand, sessionView } from '../../../src/index.js'
import { context, fromStart, play, SESSION, seated, stateOf } from './fixtures.js'

const leftEarly = (outcome: 'warning' | 'removal', evidenceRef: string | null = null): SessionCommand => ({
  type: 'RecordViolation',
  sessionId: SESSION,
  violationId: `v-left-${outcome}`,
  kind: 'left_before_earliest_finish',
  outcome,
  note: 'Left the hall 30 minutes after the start',
  evidenceRef,
  recordedBy: 'staff-3',
})

const attempt = (command: SessionCommand, now: Date) =>
  examSessionDecider.decide(command, stateOf(seated()), context(now))

describe('EXM-20: leaving before the earliest finish (default 45 minutes after the start)', () => {
  it('EXM-20: as a warning it is recorded and the exam goes on', () => {
    const result = attempt(leftEarly('warning'), fromStart(30))
    expect(E.isRight(result) && result.right).toEqual([
      {
        type: 'ViolationRecorded',
        sessionId: SESSION,
        violationId: 'v-left-warning',
        kind: 'left_before_earliest_finish',
        outcome: 'warning',
        note: 'Left the hall 30 minutes after the start',
        evidenceRef: null,
        recordedBy: 'staff-3',
        at: fromStart(30),
      },
    ])
    const after = play([[leftEarly('warning'), fromStart(30)]], seated())
    expect(sessionView(stateOf(after), context(fromStart(31))).phase).toBe('in_progress')
  })

  it('EXM-20: as a removal it ends the session at once and annuls the result, with the evidence', () => {
    const result = attempt(leftEarly('removal', 'camera-hall-1/10:30'), fromStart(30))
    if (E.isLeft(result)) throw new Error(result.left.message)
    expect(result.right.map((event) => event.type)).toEqual([
      'ViolationRecorded',
      'SessionEnded',
      'ResultAnnulled',
    ])
    expect(result.right[1]).toMatchObject({ reason: 'removed', endedAt: fromStart(30) })
    expect(result.right[2]).toMatchObject({
      grounds: 'removal',
      decidedBy: 'staff-3',
      evidenceRef: 'camera-hall-1/10:30',
      reason: 'Removed from the exam: left before earliest finish',
    })
    const after = play([[leftEarly('removal', 'camera-hall-1/10:30'), fromStart(30)]], seated())
    expect(sessionView(stateOf(after), context(fromStart(31))).phase).toBe('ended')
  })

  it('EXM-20: a removal without an evidence reference is refused', () => {
    const result = attempt(leftEarly('removal'), fromStart(30))
    expect(E.isLeft(result) && result.left.code).toBe('session.evidence_required')
  })

  it('EXM-16/EXM-20: from the earliest finish on, leaving is allowed, so it is no such violation', () => {
    expect(E.isRight(attempt(leftEarly('warning'), new Date(fromStart(45).getTime() - 1)))).toBe(true)
    const result = attempt(leftEarly('warning'), fromStart(45))
    expect(E.isLeft(result) && result.left.code).toBe('session.invalid_violation')
    expect(E.isLeft(result) && result.left.message).toContain('45 minutes after the start')
  })

  it('EXM-20: before the start nobody can have left early', () => {
    const result = attempt(leftEarly('warning'), fromStart(-5))
    expect(E.isLeft(result) && result.left.code).toBe('session.not_started')
  })
})
