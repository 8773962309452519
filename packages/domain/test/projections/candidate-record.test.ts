import { describe, expect, it } from 'vitest'
import {
  type AppealCommand,
  type AppealEvent,
  buildCalendar,
  type CandidateRecordEvent,
  candidateRecordAt,
  type ExamEvent,
  foldCandidateRecord,
  type SessionEvent,
} from '../../src/index.js'
import {
  APPEAL_1,
  appealContext,
  CALENDAR,
  deliverToSession,
  fileCommand,
  nearlyPassing,
  PUBLISHED,
  playAppeal,
  realAppealable,
  WRONG_TASK,
} from '../appeal/fixtures.js'
import { emptyYear, unwrap } from '../calendar/fixtures.js'
import { EXAM, examHistory, SESSION } from '../exam/session/fixtures.js'

const FILED = new Date('2026-06-16T07:00:00Z')
const DECIDED = new Date('2026-06-22T07:00:00Z')
const WINDOW_CLOSES = new Date('2026-06-18T20:00:00Z')

const published: ExamEvent = {
  type: 'ResultsPublished',
  examId: EXAM,
  publishedAt: PUBLISHED,
  publishedBy: 'board-1',
  at: PUBLISHED,
}

const uphold: AppealCommand = {
  type: 'UpholdAppeal',
  appealId: APPEAL_1,
  corrections: [{ taskId: WRONG_TASK, kind: 'answer_accepted' }],
  reasons: 'Option B is also correct.',
  decidedBy: 'commission-7',
}

/** The whole story: sat (74, fail), published, appealed, upheld (75, pass); plus another cabinet's session. */
const story = () => {
  const session = nearlyPassing()
  const filed = playAppeal([
    [fileCommand({ taskIds: [WRONG_TASK] }), appealContext(FILED, { session: realAppealable(session) })],
  ])
  const appeal: AppealEvent[] = playAppeal([[uphold, appealContext(DECIDED)]], filed)
  const revised: SessionEvent[] = deliverToSession(appeal, session, DECIDED)
  const stranger: SessionEvent[] = revised.map(
    (event) => ({ ...event, sessionId: `${EXAM}.cab-2` }) as SessionEvent,
  )
  return { filed, appeal, session, revised, stranger }
}

const read = (events: readonly CandidateRecordEvent[], now: Date, calendar = CALENDAR) =>
  candidateRecordAt(foldCandidateRecord('cab-1', events), { now, calendar })

describe('Cabinet: exam results and appeals (CAB-11)', () => {
  it('CAB-11 / APL-1: before publication the cabinet shows the session and its status, not the score', () => {
    const { session } = story()
    const record = read([...examHistory(), published, ...session], new Date(PUBLISHED.getTime() - 1))
    expect(record.sessions).toHaveLength(1)
    expect(record.sessions[0]).toMatchObject({
      sessionId: SESSION,
      examId: EXAM,
      title: 'Civil service test, June 2026',
      subgroup: 'BB2',
      status: 'ended',
      publishedAt: undefined,
      result: undefined,
      revisions: [],
      appealWindow: undefined,
      canAppeal: false,
    })
  })

  it('CAB-11 / APL-2: once published: score, pass/fail and the appeal deadline computed with the calendar', () => {
    const { session, stranger } = story()
    const record = read([...examHistory(), published, ...stranger, ...session], FILED)
    expect(record.sessions).toHaveLength(1)
    expect(record.sessions[0]).toMatchObject({
      publishedAt: PUBLISHED,
      result: { score: 74, scoreAtEnd: 74, passMark: 75, passed: false, annulled: false },
      appealWindow: { status: 'open', closesAt: WINDOW_CLOSES, lastDay: '2026-06-18' },
      canAppeal: true,
      appeals: [],
    })
    expect(
      read([...examHistory(), published, ...session], WINDOW_CLOSES).sessions[0]?.appealWindow,
    ).toMatchObject({
      status: 'closed',
    })
  })

  it('CAB-11 / APL-4 / APL-6: the appeal with its decision, and the revision it caused with old and new', () => {
    const { appeal, revised } = story()
    const [entry] = read([...examHistory(), published, ...revised, ...appeal], DECIDED).sessions
    expect(entry).toMatchObject({
      result: { score: 75, scoreAtEnd: 74, passed: true },
      revisions: [
        {
          kind: 'appeal',
          ref: `${APPEAL_1}:commission`,
          reason: `appeal ${APPEAL_1}`,
          oldScore: 74,
          newScore: 75,
          oldPassed: false,
          newPassed: true,
          at: DECIDED,
        },
      ],
      appeals: [
        {
          appealId: APPEAL_1,
          status: 'upheld',
          disputed: [{ taskId: WRONG_TASK, answer: 'B' }],
          filedAt: FILED,
          deadline: WINDOW_CLOSES,
          decision: {
            outcome: 'upheld',
            reasons: 'Option B is also correct.',
            decidedBy: 'commission-7',
            corrections: [{ taskId: WRONG_TASK, kind: 'answer_accepted', answer: 'B' }],
            at: DECIDED,
          },
          court: undefined,
        },
      ],
    })
  })

  it('CAB-11 / APL-3: while an appeal is open the cabinet offers no second one', () => {
    const { filed, session } = story()
    const [entry] = read([...examHistory(), published, ...session, ...filed], FILED).sessions
    expect(entry).toMatchObject({ canAppeal: false, appeals: [{ status: 'open' }] })
  })

  it('CAB-11 / SCO-6: an annulment is a revision (pass/fail, not score) and the result is not appealable', () => {
    const { session } = story()
    const annulled: SessionEvent = {
      type: 'ResultAnnulled',
      sessionId: SESSION,
      decisionId: 'd-1',
      grounds: 'copying',
      counterpartSessionIds: [],
      decidedBy: 'board-1',
      decidedAt: FILED,
      reason: 'Copied from the neighbour',
      evidenceRef: 'video hall-1',
      at: FILED,
    }
    const [entry] = read([...examHistory(), published, ...session, annulled], FILED).sessions
    expect(entry).toMatchObject({
      result: { score: 74, passed: false, annulled: true },
      revisions: [
        { kind: 'annulment', ref: 'd-1', oldScore: 74, newScore: 74, reason: 'Copied from the neighbour' },
      ],
      canAppeal: false,
    })
  })

  it('CAB-11 / CAL-3: a calendar without the year shows the deadline as unavailable, never a guess', () => {
    const { session } = story()
    const calendar = unwrap(buildCalendar([emptyYear(2025)]))
    const [entry] = read([...examHistory(), published, ...session], FILED, calendar).sessions
    expect(entry?.appealWindow).toMatchObject({
      status: 'unavailable',
      error: { code: 'calendar.year_missing' },
    })
    expect(entry?.canAppeal).toBe(false)
  })

  it('CAB-11: the fold does not depend on how the streams interleave', () => {
    const { appeal, revised } = story()
    const a = read([...examHistory(), published, ...revised, ...appeal], DECIDED)
    const b = read([...appeal, ...revised, published, ...examHistory()], DECIDED)
    expect(b).toEqual(a)
  })
})
