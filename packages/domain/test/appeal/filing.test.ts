import { describe, expect, it } from 'vitest'
import {
  AppealCommand,
  appealDecider,
  appealIdOf,
  buildCalendar,
  decodeWith,
  nextAppealId,
} from '../../src/index.js'
import { emptyYear } from '../calendar/fixtures.js'
import { SESSION } from '../exam/session/fixtures.js'
import { left, right, specification } from '../support/specification.js'
import {
  APPEAL_1,
  APPEAL_2,
  appealable,
  appealContext,
  appealState,
  at,
  BAYRAM_DEADLINE,
  BEFORE_BAYRAM,
  BEFORE_NOVRUZ,
  CALENDAR,
  fileCommand,
  NOVRUZ_DEADLINE,
  playAppeal,
  secondsBefore,
} from './fixtures.js'

const appeal = specification(appealDecider)
const filedAt = (now: Date) => playAppeal([[fileCommand(), appealContext(now)]])

describe('Filing an appeal in the window (APL-2)', () => {
  it('APL-2: filed at the last second of the window (23:59:59 Baku on the 3rd business day) is in time', () => {
    const now = secondsBefore(NOVRUZ_DEADLINE, 1)
    appeal
      .given([])
      .when(fileCommand(), appealContext(now))
      .then([
        {
          type: 'AppealFiled',
          appealId: APPEAL_1,
          sessionId: SESSION,
          examId: 'cs-2026-06',
          cabinetId: 'cab-1',
          sequence: 1,
          disputed: [{ taskId: 't-2', answer: 'B' }],
          grounds: fileCommand().grounds,
          publishedAt: BEFORE_NOVRUZ,
          deadline: NOVRUZ_DEADLINE,
          at: now,
        },
      ])
  })

  it('APL-2: one second late is refused, with the deadline in Asia/Baku time and as ISO in the details', () => {
    const error = appeal
      .given([])
      .when(fileCommand(), appealContext(NOVRUZ_DEADLINE))
      .thenFails('appeal.window_closed')
    expect(error.message).toContain('The appeal window closed at 24:00 on 2 April 2026 (Asia/Baku)')
    expect(error.message).toContain('the end of the 3rd business day after publication on 19 March 2026')
    expect(error.message).toContain('00:00:00 on 3 April 2026 (Asia/Baku)')
    expect(error.details).toMatchObject({
      deadline: '2026-04-02T20:00:00.000Z',
      lastDay: '2026-04-02',
      countedDays: ['2026-03-31', '2026-04-01', '2026-04-02'],
    })
  })

  it('APL-2 / CAL-2: published just before Novruz 2026, the window skips 20–30 March (shipped calendar)', () => {
    // 25 March is a Wednesday, but a Novruz holiday: three "weekdays" later is still inside the window.
    appeal
      .given([])
      .when(fileCommand(), appealContext(at('2026-03-30T19:59:59Z')))
      .events()
    appeal
      .given([])
      .when(fileCommand(), appealContext(at('2026-04-01T10:00:00Z')))
      .events()
  })

  it('APL-2 / CAL-2: published just before 27–31 May 2026, the window closes on 3 June (shipped calendar)', () => {
    const session = appealable({ publishedAt: BEFORE_BAYRAM })
    const [filed] = appeal
      .given([])
      .when(fileCommand(), appealContext(secondsBefore(BAYRAM_DEADLINE, 1), { session }))
      .events()
    expect(filed).toMatchObject({ deadline: BAYRAM_DEADLINE })
    const error = appeal
      .given([])
      .when(fileCommand(), appealContext(BAYRAM_DEADLINE, { session }))
      .thenFails('appeal.window_closed')
    expect(error.message).toContain('24:00 on 3 June 2026 (Asia/Baku)')
    expect(error.details).toMatchObject({ deadline: '2026-06-03T20:00:00.000Z' })
  })

  it('APL-2: the publication day is not counted, even for results published at 00:01 Baku', () => {
    // Tue 14 April 2026 00:01 Baku: counted 15, 16, 17 April.
    const session = appealable({ publishedAt: at('2026-04-13T20:01:00Z') })
    appeal
      .given([])
      .when(fileCommand(), appealContext(at('2026-04-17T19:59:59Z'), { session }))
      .events()
    appeal
      .given([])
      .when(fileCommand(), appealContext(at('2026-04-17T20:00:00Z'), { session }))
      .thenFails('appeal.window_closed')
  })

  it('APL-2: the number of business days is configurable (5: the window runs to 6 April 2026)', () => {
    const [filed] = appeal
      .given([])
      .when(fileCommand(), appealContext(NOVRUZ_DEADLINE, { businessDays: 5 }))
      .events()
    expect(filed).toMatchObject({ deadline: at('2026-04-06T20:00:00Z') })
  })

  it('CAL-3: a window reaching a year without calendar data is an error naming the year, not a guess', () => {
    const calendar = right(buildCalendar([emptyYear(2026)]))
    const session = appealable({ publishedAt: at('2026-12-30T08:00:00Z') })
    const error = appeal
      .given([])
      .when(fileCommand(), appealContext(at('2026-12-30T09:00:00Z'), { calendar, session }))
      .thenFails('calendar.year_missing')
    expect(error.message).toContain('2027')
  })

  it('APL-1: before the publication instant there is nothing to appeal', () => {
    const error = appeal
      .given([])
      .when(fileCommand(), appealContext(secondsBefore(BEFORE_NOVRUZ, 1)))
      .thenFails('appeal.not_published')
    expect(error.message).toContain('15:00:00 on 19 March 2026 (Asia/Baku)')
    appeal
      .given([])
      .when(fileCommand(), appealContext(BEFORE_NOVRUZ, { session: appealable({ publishedAt: undefined }) }))
      .thenFails('appeal.not_published')
  })
})

describe('Who may appeal what (APL-3)', () => {
  it('APL-3 / APL-6: an annulled result is not appealable here — the error points to court', () => {
    const error = appeal
      .given([])
      .when(fileCommand(), appealContext(BEFORE_NOVRUZ, { session: appealable({ annulled: true }) }))
      .thenFails('appeal.annulled_result')
    expect(error.message).toMatch(/court/)
  })

  it('APL-3: only the candidate who sat the exam can appeal; a stranger learns nothing more', () => {
    appeal
      .given([])
      .when(
        fileCommand({ cabinetId: 'cab-2' }),
        appealContext(BEFORE_NOVRUZ, { session: appealable({ annulled: true }) }),
      )
      .thenFails('appeal.not_your_session')
  })

  it('APL-3: a session without a result cannot be appealed', () => {
    appeal
      .given([])
      .when(fileCommand(), { now: BEFORE_NOVRUZ, calendar: CALENDAR, earlier: [] })
      .thenFails('appeal.no_result')
  })

  it('APL-3 / SCO-0: disputed tasks must be tasks of the form the candidate sat', () => {
    const error = appeal
      .given([])
      .when(fileCommand({ taskIds: ['t-2', 'x-9'] }), appealContext(BEFORE_NOVRUZ))
      .thenFails('appeal.unknown_task')
    expect(error.details).toEqual({ taskIds: ['x-9'] })
  })

  it('APL-3: the filing records each disputed task with the answer given (null for a blank)', () => {
    const [filed] = appeal
      .given([])
      .when(fileCommand({ taskIds: ['t-3', 't-4', 't-1'] }), appealContext(BEFORE_NOVRUZ))
      .events()
    expect(filed).toMatchObject({
      disputed: [
        { taskId: 't-3', answer: null },
        { taskId: 't-4', answer: null },
        { taskId: 't-1', answer: 'A' },
      ],
    })
  })

  it('APL-3: a second appeal while one is open is refused (appeal.already_open)', () => {
    const first = filedAt(BEFORE_NOVRUZ)
    const error = appeal
      .given([])
      .when(
        fileCommand({ appealId: APPEAL_2, taskIds: ['t-3'] }),
        appealContext(BEFORE_NOVRUZ, { earlier: [appealState(first)] }),
      )
      .thenFails('appeal.already_open')
    expect(error.details).toEqual({ openAppealId: APPEAL_1 })
  })

  it('APL-3: two filings racing for the same slot meet in one stream: the loser gets already_open', () => {
    const first = filedAt(BEFORE_NOVRUZ)
    appeal
      .given(first)
      .when(fileCommand({ taskIds: ['t-3'] }), appealContext(BEFORE_NOVRUZ))
      .thenFails('appeal.already_open')
  })

  it('APL-3: a retry of the very same filing records nothing (idempotent)', () => {
    const first = filedAt(BEFORE_NOVRUZ)
    appeal.given(first).when(fileCommand(), appealContext(NOVRUZ_DEADLINE)).then([])
  })

  it('APL-3: after a decision, a new appeal may be filed while the window is open — about other tasks only', () => {
    const decided = playAppeal(
      [
        [
          {
            type: 'RejectAppeal',
            appealId: APPEAL_1,
            reasons: 'Only option A is correct.',
            decidedBy: 'com-1',
          },
          appealContext(BEFORE_NOVRUZ),
        ],
      ],
      filedAt(BEFORE_NOVRUZ),
    )
    const earlier = [appealState(decided)]
    const later = at('2026-03-31T09:00:00Z')
    appeal
      .given([])
      .when(fileCommand({ appealId: APPEAL_2, taskIds: ['t-3'] }), appealContext(later, { earlier }))
      .events()
    const again = appeal
      .given([])
      .when(fileCommand({ appealId: APPEAL_2, taskIds: ['t-2', 't-3'] }), appealContext(later, { earlier }))
      .thenFails('appeal.task_already_decided')
    expect(again.message).toMatch(/court/)
    appeal
      .given([])
      .when(
        fileCommand({ appealId: APPEAL_2, taskIds: ['t-3'] }),
        appealContext(NOVRUZ_DEADLINE, { earlier }),
      )
      .thenFails('appeal.window_closed')
  })

  it('APL-3: the appeal id is the next in the session’s chain; a stale id is refused', () => {
    expect(nextAppealId(SESSION, [])).toBe(appealIdOf(SESSION, 1))
    appeal
      .given([])
      .when(fileCommand({ appealId: APPEAL_2 }), appealContext(BEFORE_NOVRUZ, { earlier: [] }))
      .thenFails('appeal.sequence_stale')
    appeal
      .given([])
      .when(fileCommand({ appealId: 'someone-else:appeal-1' }), appealContext(BEFORE_NOVRUZ))
      .thenFails('appeal.sequence_stale')
  })
})

describe('Malformed commands (codecs) and refusals', () => {
  const decode = decodeWith(AppealCommand)

  it('APL-3: a filing without tasks, with a task twice, or with blank grounds is refused with readable messages', () => {
    const noTasks = left(decode({ ...fileCommand(), taskIds: [] }))
    expect(noTasks.code).toBe('validation.invalid_input')
    expect(noTasks.message).toContain('name at least one disputed task')
    expect(left(decode({ ...fileCommand(), taskIds: ['t-1', 't-1'] })).message).toContain(
      'name each disputed task once',
    )
    expect(left(decode({ ...fileCommand(), grounds: '   ' })).message).toContain('grounds')
    expect(left(decode({ ...fileCommand(), grounds: 'x'.repeat(4001) })).message).toContain('at most 4000')
    expect(left(decode({ ...fileCommand(), sessionId: 'has space' })).message).toContain('sessionId')
  })

  it('APL-4: an upheld decision with an unknown correction kind is refused by the codec', () => {
    const error = left(
      decode({
        type: 'UpholdAppeal',
        appealId: APPEAL_1,
        corrections: [{ taskId: 't-2', kind: 'wrong' }],
        reasons: 'x',
        decidedBy: 'com-1',
      }),
    )
    expect(error.message).toContain('corrections.kind')
  })

  it('a well-formed command decodes, grounds trimmed', () => {
    expect(right(decode({ ...fileCommand(), grounds: '  Option B is right.  ' }))).toMatchObject({
      grounds: 'Option B is right.',
    })
  })

  it('refusals change nothing: the stream stays empty and the state as it was', () => {
    const state = appealState([])
    const decision = appealDecider.decide(fileCommand(), state, appealContext(NOVRUZ_DEADLINE))
    expect(decision._tag).toBe('Left')
    expect(appealState([])).toEqual(state)
  })
})
