import * as E from 'fp-ts/lib/Either.js'
import {
  type AnswerKey,
  DEFAULT_BLUEPRINT,
  type DefineExam,
  type ExamEvent,
  type ExamState,
  examDecider,
  examSessionDecider,
  type Form,
  fold,
  type GroupCode,
  Money,
  type RegisterInHall,
  type SessionCommand,
  type SessionContext,
  type SessionEvent,
  type SittingView,
  SUBJECTS,
  type SubgroupCode,
  sessionIdOf,
  sittingViewOf,
  type Task,
} from '../../../src/index.js'

export const money = (text: string): Money => {
  const parsed = Money.parse(text)
  if (E.isLeft(parsed)) throw new Error(parsed.left.message)
  return parsed.right
}

/** A sitting on 10 June 2026 at 10:00 Baku (06:00 UTC); everything else is minutes from that start `S`. */
export const S = new Date('2026-06-10T06:00:00Z')
export const fromStart = (minutes: number): Date => new Date(S.getTime() + minutes * 60_000)
export const DEFINED_AT = new Date('2026-05-01T08:00:00Z')
export const EXAM = 'cs-2026-06'

/** A form that matches the default blueprint of `group`: closed tasks keyed A, open tasks keyed "42". */
export const formFor = (group: GroupCode): { form: Form; key: AnswerKey } => {
  const blueprint = DEFAULT_BLUEPRINT.groups[group]
  const tasks: Task[] = SUBJECTS.flatMap((subject) => [
    ...Array.from(
      { length: blueprint.subjects[subject].open },
      (_, i): Task => ({
        id: `${group}-${subject}-o${i + 1}`,
        subject,
        type: 'open',
        text: `open ${i + 1}`,
      }),
    ),
    ...Array.from(
      { length: blueprint.subjects[subject].closed },
      (_, i): Task => ({
        id: `${group}-${subject}-c${i + 1}`,
        subject,
        type: 'closed',
        text: `closed ${i + 1}`,
        options: ['one', 'two', 'three', 'four'],
      }),
    ),
  ])
  const key: AnswerKey = Object.fromEntries(
    tasks.map((task) => [
      task.id,
      task.type === 'open' ? { type: 'open', accepted: ['42'] } : { type: 'closed', option: 'A' },
    ]),
  ) as AnswerKey
  return {
    form: { formId: `form-${group}`, group, tasks, variants: [{ name: 'A', order: tasks.map((t) => t.id) }] },
    key,
  }
}

export const defineCommand = (overrides: Partial<DefineExam> = {}): DefineExam => ({
  type: 'DefineExam',
  examId: EXAM,
  title: 'Civil service test, June 2026',
  startsAt: S,
  venue: { name: 'DİM test centre 1', address: 'Baku, Istiqlaliyyat 7' },
  halls: [
    { hallId: 'hall-1', name: 'Hall 1', seats: 2 },
    { hallId: 'hall-2', name: 'Hall 2', seats: 1 },
  ],
  forms: [formFor('BB'), formFor('AA')],
  fee: money('10.00'),
  timing: {},
  definedBy: 'board-1',
  ...overrides,
})

export const decided = <C, Ev, St, Cx>(
  decider: { decide: (c: C, s: St, x: Cx) => E.Either<{ code: string }, readonly Ev[]> } & {
    initialState: St
    evolve: (s: St, e: Ev) => St
  },
  history: readonly Ev[],
  command: C,
  context: Cx,
): readonly Ev[] => {
  const result = decider.decide(command, fold(decider, history), context)
  if (E.isLeft(result)) throw new Error(`expected events, got ${JSON.stringify(result.left)}`)
  return result.right
}

export const examHistory = (overrides: Partial<DefineExam> = {}): ExamEvent[] => [
  ...decided(examDecider, [], defineCommand(overrides), { now: DEFINED_AT }),
]

export const sittingOf = (history: readonly ExamEvent[]): SittingView => {
  const view = sittingViewOf(fold(examDecider, history) as ExamState)
  if (view === undefined) throw new Error('sitting not defined')
  return view
}

export const SITTING = sittingOf(examHistory())
export const context = (now: Date, sitting: SittingView = SITTING): SessionContext => ({ now, sitting })

export const CABINET = 'cab-1'
export const SESSION = sessionIdOf(EXAM, CABINET)
export const REGISTRATION = `${SESSION}:1`

/** Runs session commands one after another, each at its instant, and returns the whole history. */
export const play = (
  steps: ReadonlyArray<readonly [SessionCommand, Date]>,
  history: readonly SessionEvent[] = [],
  sitting: SittingView = SITTING,
): SessionEvent[] => {
  const events = [...history]
  for (const [command, now] of steps)
    events.push(...decided(examSessionDecider, events, command, context(now, sitting)))
  return events
}

export const REGISTERED_AT = new Date('2026-05-10T08:00:00Z')

/** A candidate registered for `subgroup` with hall-1 seat 1 (fee charged). */
export const registered = (subgroup: SubgroupCode = 'BB2', sitting: SittingView = SITTING): SessionEvent[] =>
  play(
    [
      [
        { type: 'RequestRegistration', examId: EXAM, cabinetId: CABINET, walletId: 'w-1', subgroup },
        REGISTERED_AT,
      ],
      [
        {
          type: 'AssignSeat',
          sessionId: SESSION,
          registrationId: REGISTRATION,
          hallId: 'hall-1',
          seat: 1,
          slipNumber: `${EXAM}-00001`,
        },
        REGISTERED_AT,
      ],
      [
        {
          type: 'ConfirmRegistration',
          sessionId: SESSION,
          registrationId: REGISTRATION,
          chargeId: `examfee:${REGISTRATION}`,
        },
        REGISTERED_AT,
      ],
    ],
    [],
    sitting,
  )

export const VALID_DOCUMENT = {
  kind: 'id_card',
  original: true,
  holderMatches: true,
  validUntil: '2030-01-01',
} as const

export const admitCommand = (overrides: Record<string, unknown> = {}): SessionCommand =>
  ({
    type: 'AdmitCandidate',
    sessionId: SESSION,
    document: VALID_DOCUMENT,
    slip: { slipNumber: `${EXAM}-00001`, examId: EXAM },
    checkedBy: 'staff-1',
    ...overrides,
  }) as SessionCommand

export const hallCommand: RegisterInHall = {
  type: 'RegisterInHall',
  sessionId: SESSION,
  hallId: 'hall-1',
  seat: 1,
  screen: { surname: 'Məmmədov', name: 'Əli', patronymic: 'Vəli oğlu' },
  registeredBy: 'staff-2',
}

/** Registered, admitted 40 minutes before the start, seated 25 minutes before it. */
export const seated = (subgroup: SubgroupCode = 'BB2', sitting: SittingView = SITTING): SessionEvent[] =>
  play(
    [
      [admitCommand(), fromStart(-40)],
      [hallCommand, fromStart(-25)],
    ],
    registered(subgroup, sitting),
    sitting,
  )

export const answer = (taskId: string, value: string): SessionCommand => ({
  type: 'AnswerTask',
  sessionId: SESSION,
  taskId,
  answer: value,
})

export const BB_CLOSED = (subject: string, i: number) => `BB-${subject}-c${i}`

export const stateOf = (events: readonly SessionEvent[]) => fold(examSessionDecider, events)

/**
 * 74 correct answers in BB2 (pass mark 75): one point short. Informatics
 * task 5 answered "B" (key: A) and informatics 6 left blank — the tasks an
 * appeal disputes.
 */
export const nearlyPassing = (): SessionEvent[] =>
  play(
    [
      ...Array.from(
        { length: 40 },
        (_, i) => [answer(BB_CLOSED('legislation', i + 1), 'A'), fromStart(10)] as const,
      ),
      ...Array.from(
        { length: 30 },
        (_, i) => [answer(BB_CLOSED('logic', i + 1), 'A'), fromStart(11)] as const,
      ),
      ...Array.from(
        { length: 4 },
        (_, i) => [answer(BB_CLOSED('informatics', i + 1), 'A'), fromStart(12)] as const,
      ),
      [answer(BB_CLOSED('informatics', 5), 'B'), fromStart(13)],
      [{ type: 'FinishSession', sessionId: SESSION }, fromStart(60)],
    ],
    seated(),
  )

export const WRONG_TASK = BB_CLOSED('informatics', 5)
export const BLANK_TASK = BB_CLOSED('informatics', 6)
