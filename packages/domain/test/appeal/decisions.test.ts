import { describe, expect, it } from 'vitest'
import {
  type AppealCommand,
  type AppealCorrection,
  type AppealEvent,
  appealDecider,
  appealProcess,
  type FileAppealCourtCase,
  type RejectAppeal,
  resultCertificate,
  type SessionEvent,
} from '../../src/index.js'
import { SESSION, stateOf } from '../exam/session/fixtures.js'
import { specification } from '../support/specification.js'
import {
  APPEAL_1,
  appealContext,
  BLANK_TASK,
  deliverToSession,
  fileCommand,
  nearlyPassing,
  PUBLISHED,
  playAppeal,
  realAppealable,
  WRONG_TASK,
} from './fixtures.js'

const appeal = specification(appealDecider)
const FILED = new Date('2026-06-15T07:00:00Z')
const DECIDED = new Date('2026-06-22T07:00:00Z')
const COURT = new Date('2026-07-10T07:00:00Z')
const RULED = new Date('2026-09-01T07:00:00Z')

/** The candidate of `nearlyPassing` (74, pass mark 75) appeals the two informatics tasks. */
const filed = (session: readonly SessionEvent[] = nearlyPassing()): AppealEvent[] =>
  playAppeal([
    [
      fileCommand({
        taskIds: [WRONG_TASK, BLANK_TASK],
        grounds: 'Option B is also correct; task 6 did not load.',
      }),
      appealContext(FILED, { session: realAppealable(session) }),
    ],
  ])

const reject: RejectAppeal = {
  type: 'RejectAppeal',
  appealId: APPEAL_1,
  reasons: 'The key is correct: only option A answers the question.',
  decidedBy: 'commission-7',
}

const uphold = (
  corrections: readonly AppealCorrection[] = [{ taskId: WRONG_TASK, kind: 'answer_accepted' }],
): AppealCommand => ({
  type: 'UpholdAppeal',
  appealId: APPEAL_1,
  corrections,
  reasons: 'Option B is also a correct reading of the task.',
  decidedBy: 'commission-7',
})

const fileCourt: FileAppealCourtCase = {
  type: 'FileAppealCourtCase',
  appealId: APPEAL_1,
  caseReference: 'Baku Administrative Court 2-1/123/2026',
  recordedBy: 'staff-3',
}

const ruling = (
  outcome: 'decision_stands' | 'result_changed',
  corrections = [] as { taskId: string; kind: 'credited' | 'answer_accepted' }[],
): AppealCommand => ({
  type: 'RecordAppealCourtRuling',
  appealId: APPEAL_1,
  outcome,
  corrections,
  rulingReference: 'Ruling 2-1/123/2026 of 1 September 2026',
  recordedBy: 'staff-3',
})

describe('The commission decides (APL-4)', () => {
  it('APL-4: rejected — the decision and reasons are recorded, the result is unchanged', () => {
    const session = nearlyPassing()
    const events = appeal
      .given(filed(session))
      .when(reject, appealContext(DECIDED))
      .then([
        {
          type: 'AppealRejected',
          appealId: APPEAL_1,
          sessionId: SESSION,
          reasons: reject.reasons,
          decidedBy: 'commission-7',
          at: DECIDED,
        },
      ])
    expect(events.flatMap(appealProcess)).toEqual([])
    expect(deliverToSession(events, session, DECIDED)).toEqual(session)
  })

  it('APL-4: upheld — the session is re-scored through its own revision and pass/fail flips from fail to pass', () => {
    const session = nearlyPassing()
    expect(resultCertificate(stateOf(session))).toMatchObject({ passed: false, passMark: 75 })
    const decided = appeal.given(filed(session)).when(uphold(), appealContext(DECIDED)).events()
    expect(decided).toEqual([
      {
        type: 'AppealUpheld',
        appealId: APPEAL_1,
        sessionId: SESSION,
        corrections: [{ taskId: WRONG_TASK, kind: 'answer_accepted', answer: 'B' }],
        reasons: 'Option B is also a correct reading of the task.',
        decidedBy: 'commission-7',
        at: DECIDED,
      },
    ])
    const after = deliverToSession(decided, session, DECIDED)
    expect(after.slice(session.length)).toEqual([
      expect.objectContaining({
        type: 'ScoreRevisedOnAppeal',
        revisionId: `${APPEAL_1}:commission`,
        appealId: APPEAL_1,
        by: 'commission',
        reason: `appeal ${APPEAL_1}`,
        corrections: [{ taskId: WRONG_TASK, kind: 'answer_accepted', answer: 'B' }],
        oldScore: 74,
        newScore: 75,
        oldPassed: false,
        newPassed: true,
        at: DECIDED,
      }),
    ])
    expect(resultCertificate(stateOf(after))).toMatchObject({
      passed: true,
      score: { total: { points: 75 } },
    })
  })

  it('APL-4: a blank task can be credited, but there is no answer to accept', () => {
    appeal
      .given(filed())
      .when(uphold([{ taskId: BLANK_TASK, kind: 'answer_accepted' }]), appealContext(DECIDED))
      .thenFails('appeal.no_answer_to_accept')
    appeal
      .given(filed())
      .when(uphold([{ taskId: BLANK_TASK, kind: 'credited' }]), appealContext(DECIDED))
      .events()
  })

  it('APL-4: corrections are about the disputed tasks only, and an upheld appeal names at least one', () => {
    appeal
      .given(filed())
      .when(uphold([{ taskId: 'BB-logic-c1', kind: 'credited' }]), appealContext(DECIDED))
      .thenFails('appeal.task_not_disputed')
    appeal.given(filed()).when(uphold([]), appealContext(DECIDED)).thenFails('appeal.invalid_corrections')
    appeal
      .given(filed())
      .when(
        uphold([
          { taskId: WRONG_TASK, kind: 'credited' },
          { taskId: WRONG_TASK, kind: 'answer_accepted' },
        ]),
        appealContext(DECIDED),
      )
      .thenFails('appeal.invalid_corrections')
  })

  it('APL-4 / APL-6: a decision is final — the same one again records nothing, another is refused', () => {
    const decided = playAppeal([[uphold(), appealContext(DECIDED)]], filed())
    appeal.given(decided).when(uphold(), appealContext(COURT)).then([])
    appeal.given(decided).when(reject, appealContext(COURT)).thenFails('appeal.already_decided')
    appeal.given([]).when(reject, appealContext(DECIDED)).thenFails('appeal.unknown')
  })

  it('APL-4: the process is idempotent — a redelivered AppealUpheld records no second revision', () => {
    const session = nearlyPassing()
    const decided = playAppeal([[uphold(), appealContext(DECIDED)]], filed(session))
    const once = deliverToSession(decided, session, DECIDED)
    const twice = deliverToSession(decided, once, DECIDED)
    expect(twice).toEqual(once)
    const [command] = decided.flatMap(appealProcess)
    expect(command).toMatchObject({
      to: 'session',
      streamId: SESSION,
      commandId: `appeal:${APPEAL_1}:commission`,
    })
  })
})

describe('The court (APL-5) and nothing overwritten (APL-6)', () => {
  it('APL-5: a court case comes after the decision, once', () => {
    appeal.given(filed()).when(fileCourt, appealContext(COURT)).thenFails('appeal.not_decided')
    const decided = playAppeal([[reject, appealContext(DECIDED)]], filed())
    const [event] = appeal.given(decided).when(fileCourt, appealContext(COURT)).events()
    expect(event).toMatchObject({
      type: 'AppealCourtCaseFiled',
      caseReference: fileCourt.caseReference,
    })
    const inCourt = [...decided, event as AppealEvent]
    appeal.given(inCourt).when(fileCourt, appealContext(COURT)).then([])
    appeal
      .given(inCourt)
      .when({ ...fileCourt, caseReference: 'Another case' } as AppealCommand, appealContext(COURT))
      .thenFails('appeal.court_case_filed')
  })

  it('APL-5: a ruling that lets the decision stand changes nothing in the session', () => {
    const session = nearlyPassing()
    const history = playAppeal(
      [
        [reject, appealContext(DECIDED)],
        [fileCourt, appealContext(COURT)],
        [ruling('decision_stands'), appealContext(RULED)],
      ],
      filed(session),
    )
    expect(history.at(-1)).toMatchObject({ type: 'AppealCourtRulingRecorded', outcome: 'decision_stands' })
    expect(deliverToSession(history, session, RULED)).toEqual(session)
  })

  it('APL-5: a court ruling that changes the result is the session’s final revision, after the commission’s', () => {
    const session = nearlyPassing()
    const history = playAppeal(
      [
        [uphold(), appealContext(DECIDED)],
        [fileCourt, appealContext(COURT)],
        [ruling('result_changed', [{ taskId: BLANK_TASK, kind: 'credited' }]), appealContext(RULED)],
      ],
      filed(session),
    )
    const after = deliverToSession(history, session, RULED)
    const revisions = after.slice(session.length)
    expect(revisions).toMatchObject([
      { type: 'ScoreRevisedOnAppeal', by: 'commission', oldScore: 74, newScore: 75, newPassed: true },
      {
        type: 'ScoreRevisedOnAppeal',
        by: 'court',
        revisionId: `${APPEAL_1}:court`,
        reason: `court ruling on appeal ${APPEAL_1}`,
        oldScore: 75,
        newScore: 76,
        corrections: [{ taskId: BLANK_TASK, kind: 'credited', answer: null }],
      },
    ])
    // APL-6: every version stays in the session's history, in order.
    const state = stateOf(after)
    expect(state.ended?.result.total.points).toBe(74)
    expect(state.appealRevisions.map((r) => [r.oldScore, r.newScore])).toEqual([
      [74, 75],
      [75, 76],
    ])
    expect(resultCertificate(state)?.score.total.points).toBe(76)
  })

  it('APL-5: a ruling needs a court case; it is recorded once; its corrections match its outcome', () => {
    const decided = playAppeal([[reject, appealContext(DECIDED)]], filed())
    appeal
      .given(decided)
      .when(ruling('decision_stands'), appealContext(RULED))
      .thenFails('appeal.no_court_case')
    const inCourt = playAppeal([[fileCourt, appealContext(COURT)]], decided)
    appeal
      .given(inCourt)
      .when(ruling('result_changed'), appealContext(RULED))
      .thenFails('appeal.invalid_ruling')
    appeal
      .given(inCourt)
      .when(ruling('decision_stands', [{ taskId: WRONG_TASK, kind: 'credited' }]), appealContext(RULED))
      .thenFails('appeal.invalid_ruling')
    const ruled = playAppeal([[ruling('decision_stands'), appealContext(RULED)]], inCourt)
    appeal.given(ruled).when(ruling('decision_stands'), appealContext(RULED)).then([])
    appeal
      .given(ruled)
      .when(ruling('result_changed', [{ taskId: WRONG_TASK, kind: 'credited' }]), appealContext(RULED))
      .thenFails('appeal.court_ruled')
  })

  it('APL-6: the appeal stream keeps the filing, the decision, the case and the ruling — none replaces another', () => {
    const history = playAppeal(
      [
        [uphold(), appealContext(DECIDED)],
        [fileCourt, appealContext(COURT)],
        [ruling('result_changed', [{ taskId: BLANK_TASK, kind: 'credited' }]), appealContext(RULED)],
      ],
      filed(),
    )
    expect(history.map((event) => event.type)).toEqual([
      'AppealFiled',
      'AppealUpheld',
      'AppealCourtCaseFiled',
      'AppealCourtRulingRecorded',
    ])
    const state = history.reduce(appealDecider.evolve, appealDecider.initialState)
    expect(state).toMatchObject({
      status: 'upheld',
      filed: history[0],
      decision: history[1],
      courtCase: history[2],
      ruling: history[3],
    })
  })

  it('a command for another appeal than the stream holds is refused', () => {
    appeal
      .given(filed())
      .when({ ...reject, appealId: 'other:appeal-1' } as AppealCommand, appealContext(DECIDED))
      .thenFails('appeal.wrong_appeal')
  })

  it('SCO-6: an appeal upheld after the result was annulled re-scores it, but it never passes', () => {
    const session = nearlyPassing()
    const appealed = filed(session)
    const annulled = [
      ...session,
      {
        type: 'ResultAnnulled',
        sessionId: SESSION,
        decisionId: 'd-1',
        grounds: 'copying',
        counterpartSessionIds: [],
        decidedBy: 'board-1',
        decidedAt: DECIDED,
        reason: 'Copied from the neighbour',
        evidenceRef: 'video hall-1',
        at: DECIDED,
      } as SessionEvent,
    ]
    const decided = playAppeal([[uphold(), appealContext(DECIDED)]], appealed)
    const after = deliverToSession(decided, annulled, DECIDED)
    expect(after.at(-1)).toMatchObject({ type: 'ScoreRevisedOnAppeal', newScore: 75, newPassed: false })
    expect(resultCertificate(stateOf(after))).toMatchObject({ passed: false, annulled: true })
  })

  it('the filing used the real session: published instant and deadline of the June sitting', () => {
    expect(filed()[0]).toMatchObject({ publishedAt: PUBLISHED, deadline: new Date('2026-06-18T20:00:00Z') })
  })
})
