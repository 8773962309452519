import {
  type AppealableSession,
  type AppealCommand,
  type AppealContext,
  type AppealEvent,
  type AppealState,
  appealableSessionOf,
  appealDecider,
  appealIdOf,
  appealProcess,
  examSessionDecider,
  type FileAppeal,
  fold,
  type SessionEvent,
  type SittingView,
} from '../../src/index.js'
import { shippedCalendar } from '../calendar/fixtures.js'
import { decided, SESSION, SITTING, context as sessionContext, stateOf } from '../exam/session/fixtures.js'

export const CALENDAR = shippedCalendar()

/** Thu 19 March 2026, 15:00 Baku: the window runs over Novruz and closes 2 April 2026 24:00 Baku. */
export const BEFORE_NOVRUZ = new Date('2026-03-19T11:00:00Z')
export const NOVRUZ_DEADLINE = new Date('2026-04-02T20:00:00Z')
/** Tue 26 May 2026, 12:00 Baku: 27–31 May are non-working; the window closes 3 June 2026 24:00 Baku. */
export const BEFORE_BAYRAM = new Date('2026-05-26T08:00:00Z')
export const BAYRAM_DEADLINE = new Date('2026-06-03T20:00:00Z')

export const at = (iso: string): Date => new Date(iso)
export const secondsBefore = (instant: Date, seconds: number) => new Date(instant.getTime() - seconds * 1000)

/** A finished session as the filing sees it; the publication instant is the test's choice. */
export const appealable = (overrides: Partial<AppealableSession> = {}): AppealableSession => ({
  sessionId: SESSION,
  examId: 'cs-2026-06',
  cabinetId: 'cab-1',
  formTaskIds: ['t-1', 't-2', 't-3', 't-4'],
  answers: { 't-1': 'A', 't-2': 'B', 't-4': '  ' },
  annulled: false,
  publishedAt: BEFORE_NOVRUZ,
  ...overrides,
})

export const appealContext = (now: Date, overrides: Partial<AppealContext> = {}): AppealContext => ({
  now,
  calendar: CALENDAR,
  session: appealable(),
  earlier: [],
  ...overrides,
})

export const APPEAL_1 = appealIdOf(SESSION, 1)
export const APPEAL_2 = appealIdOf(SESSION, 2)

export const fileCommand = (overrides: Partial<FileAppeal> = {}): FileAppeal => ({
  type: 'FileAppeal',
  appealId: APPEAL_1,
  sessionId: SESSION,
  cabinetId: 'cab-1',
  taskIds: ['t-2'],
  grounds: 'Option B is also correct: the question does not say "in 2025".',
  ...overrides,
})

export const appealState = (history: readonly AppealEvent[]): AppealState => fold(appealDecider, history)

/** Runs appeal commands one after another, each at its instant. */
export const playAppeal = (
  steps: ReadonlyArray<readonly [AppealCommand, AppealContext]>,
  history: readonly AppealEvent[] = [],
): AppealEvent[] => {
  const events = [...history]
  for (const [command, context] of steps) events.push(...decided(appealDecider, events, command, context))
  return events
}

/* ---------------------------------------------------------- a real session, end to end */

/** Sat 12 June 2026 is a rest day; results published Fri 12 June 2026, 12:00 Baku. */
export const PUBLISHED = new Date('2026-06-12T08:00:00Z')

/** The session appeals are filed about; it lives with the session fixtures, which the revision tests share. */
export { BLANK_TASK, nearlyPassing, WRONG_TASK } from '../exam/session/fixtures.js'

export const realAppealable = (
  history: readonly SessionEvent[],
  publishedAt: Date | undefined = PUBLISHED,
  sitting: SittingView = SITTING,
): AppealableSession => {
  const session = appealableSessionOf(stateOf(history), sitting, publishedAt)
  if (session === undefined) throw new Error('no result to appeal')
  return session
}

/** Delivers what the appeal process asks of the session, as the adapter would. */
export const deliverToSession = (
  events: readonly AppealEvent[],
  history: readonly SessionEvent[],
  now: Date,
  sitting: SittingView = SITTING,
): SessionEvent[] => {
  const result = [...history]
  for (const event of events)
    for (const { command } of appealProcess(event))
      result.push(...decided(examSessionDecider, result, command, sessionContext(now, sitting)))
  return result
}
