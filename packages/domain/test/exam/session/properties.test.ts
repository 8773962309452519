import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import {
  decodeWith,
  examSessionDecider,
  type SessionCommand,
  SessionCommand as SessionCommandCodec,
  type SessionEvent,
  SessionEvent as SessionEventCodec,
  sessionView,
} from '../../../src/index.js'
import { answer, BB_CLOSED, context, fromStart, S, SESSION, seated, stateOf } from './fixtures.js'

type Step =
  | { readonly kind: 'pause'; readonly gap: number; readonly length: number }
  | { readonly kind: 'extend'; readonly gap: number; readonly minutes: number }

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  fc.record({
    kind: fc.constant('pause' as const),
    gap: fc.integer({ min: 0, max: 20 }),
    length: fc.integer({ min: 0, max: 30 }),
  }),
  fc.record({
    kind: fc.constant('extend' as const),
    gap: fc.integer({ min: 0, max: 20 }),
    minutes: fc.integer({ min: 1, max: 60 }),
  }),
)

/** Plays pauses and extensions from 1 minute after the start; returns the history and the expected totals. */
const timeline = (steps: readonly Step[]) => {
  let history: SessionEvent[] = seated()
  let now = fromStart(1).getTime()
  let paused = 0
  let extended = 0
  const apply = (command: SessionCommand) => {
    const decision = examSessionDecider.decide(command, stateOf(history), context(new Date(now)))
    if (E.isLeft(decision)) throw new Error(JSON.stringify(decision.left))
    history = [...history, ...decision.right]
  }
  for (const [i, step] of steps.entries()) {
    now += step.gap * 60_000
    if (step.kind === 'pause') {
      apply({
        type: 'PauseSession',
        sessionId: SESSION,
        pauseId: `p-${i}`,
        incident: 'network',
        note: 'Network down',
        pausedBy: 'staff-1',
      })
      now += step.length * 60_000
      apply({ type: 'ResumeSession', sessionId: SESSION, resumedBy: 'staff-1' })
      paused += step.length * 60_000
    } else {
      apply({
        type: 'GrantExtension',
        sessionId: SESSION,
        extensionId: `x-${i}`,
        minutes: step.minutes,
        reason: 'Accommodation',
        grantedBy: 'board-1',
      })
      extended += step.minutes * 60_000
    }
  }
  return { history, now, expected: new Date(S.getTime() + 180 * 60_000 + paused + extended) }
}

describe('Timer properties (EXM-15, EXM-16, EXM-19)', () => {
  it('EXM-19 (property): the deadline = start + duration + paused time + extensions', () => {
    fc.assert(
      fc.property(fc.array(stepArb, { maxLength: 6 }), (steps) => {
        const { history, now, expected } = timeline(steps)
        expect(sessionView(stateOf(history), context(new Date(now))).deadline).toEqual(expected)
      }),
      { numRuns: 100 },
    )
  })

  it('EXM-15/EXM-16 (property): answers after the deadline are always refused, and CloseIfDue ends at the deadline', () => {
    fc.assert(
      fc.property(fc.array(stepArb, { maxLength: 5 }), fc.integer({ min: 0, max: 10_000 }), (steps, late) => {
        const { history, expected } = timeline(steps)
        const after = context(new Date(expected.getTime() + late * 1000))
        const decision = examSessionDecider.decide(
          answer(BB_CLOSED('logic', 2), 'A'),
          stateOf(history),
          after,
        )
        expect(E.isLeft(decision) && decision.left.code).toBe('session.ended')
        const closed = examSessionDecider.decide(
          { type: 'CloseIfDue', sessionId: SESSION },
          stateOf(history),
          after,
        )
        expect(E.isRight(closed) && closed.right[0]).toMatchObject({
          type: 'SessionEnded',
          endedAt: expected,
        })
      }),
      { numRuns: 100 },
    )
  })
})

describe('Bad input', () => {
  const decode = decodeWith(SessionCommandCodec)

  it('malformed commands are refused by their codecs with readable messages', () => {
    const cases: ReadonlyArray<readonly [unknown, string]> = [
      [
        { type: 'RequestRegistration', examId: 'has.dot', cabinetId: 'c', walletId: 'w', subgroup: 'BB2' },
        'exam id',
      ],
      [
        { type: 'RequestRegistration', examId: 'e', cabinetId: 'c', walletId: 'w', subgroup: 'ZZ9' },
        'subgroup',
      ],
      [
        {
          type: 'GrantExtension',
          sessionId: 's',
          extensionId: 'x',
          minutes: 1.5,
          reason: 'r',
          grantedBy: 'b',
        },
        'whole number',
      ],
      [{ type: 'AnswerTask', sessionId: 's', taskId: 't', answer: '   ' }, 'answer'],
      [
        {
          type: 'AdmitCandidate',
          sessionId: 's',
          document: { kind: 'id_card', original: true, holderMatches: true, validUntil: '2026-02-30' },
          slip: null,
          checkedBy: 'x',
        },
        'validUntil',
      ],
      [
        { type: 'PauseSession', sessionId: 's', pauseId: 'p', incident: 'coffee', note: 'n', pausedBy: 'x' },
        'incident',
      ],
    ]
    for (const [input, mentioned] of cases) {
      const result = decode(input)
      expect(E.isLeft(result)).toBe(true)
      if (E.isLeft(result)) {
        expect(result.left.code).toBe('validation.invalid_input')
        expect(result.left.message.toLowerCase()).toContain(mentioned.toLowerCase())
      }
    }
  })

  it('refusals change nothing: the state after a refused command is the state before it', () => {
    const history = seated()
    const before = stateOf(history)
    const refused = examSessionDecider.decide(answer('no-such-task', 'A'), before, context(fromStart(5)))
    expect(E.isLeft(refused)).toBe(true)
    expect(stateOf(history)).toEqual(before)
  })

  it('every session event survives a JSON round trip through its codec', () => {
    const finished = examSessionDecider.decide(
      { type: 'FinishSession', sessionId: SESSION },
      stateOf(seated()),
      context(fromStart(50)),
    )
    if (E.isLeft(finished)) throw new Error(finished.left.message)
    for (const event of [...seated(), ...finished.right]) {
      const decoded = SessionEventCodec.decode(JSON.parse(JSON.stringify(SessionEventCodec.encode(event))))
      expect(decoded).toEqual(E.right(event))
    }
  })
})
