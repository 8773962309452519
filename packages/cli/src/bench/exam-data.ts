import {
  type DomainError,
  type ExamCommand,
  type ExamEvent,
  type ExamState,
  examDecider,
  examSessionDecider,
  type GroupCode,
  Money,
  type SessionCommand,
  type SessionEvent,
  type SessionState,
  type SittingView,
  sessionIdOf,
  sittingViewOf,
} from '@imtahan/domain'
import * as E from 'fp-ts/lib/Either.js'
import { buildDemoForm, type DemoForm } from '../demo/forms.js'
import { answersOf, type PlannedCandidate } from '../demo/plan.js'
import { createRandom, type Random } from '../demo/random.js'

/**
 * A sitting and its finished sessions for the exam benchmarks, decided by the
 * real deciders (so every event is one the product could have written) but
 * without the facade: seeding 10,000 sessions through cabinets, payments and
 * HTTP-shaped calls would measure the seeding, not the re-score. Every
 * session is a whole one — registration, seat, admission, about 100 answers
 * and the end — so a re-score that replayed keystrokes would show it.
 * Every event, seats and ends included, is the decider's own: with the seat
 * book kept in the sitting's state and the key compiled once per review set,
 * deciding all 10,000 costs about what writing them directly did.
 */
const S = new Date('2026-06-10T06:00:00Z')
const at = (minutes: number) => new Date(S.getTime() + minutes * 60_000)
const HALL_SEATS = 500

const decided = <C, Ev, St, Cx>(
  decider: {
    decide: (c: C, s: St, x: Cx) => E.Either<DomainError, readonly Ev[]>
    evolve: (s: St, e: Ev) => St
  },
  state: St,
  command: C,
  context: Cx,
): { state: St; events: readonly Ev[] } => {
  const result = decider.decide(command, state, context)
  if (E.isLeft(result)) throw new Error(`bench data: ${result.left.code}: ${result.left.message}`)
  return { state: result.right.reduce(decider.evolve, state), events: result.right }
}

export type BenchSitting = {
  readonly examId: string
  readonly form: DemoForm
  readonly view: SittingView
  /** ExamDefined, then one SeatAllocated per session. */
  readonly examEvents: readonly ExamEvent[]
  /** Sessions one at a time, so 10,000 of them never sit in memory at once. */
  readonly sessions: () => Generator<{ readonly sessionId: string; readonly events: readonly SessionEvent[] }>
  /** After the exam: the disputed task counts as right for everyone (SCO-5). */
  readonly review: {
    readonly reviewId: string
    readonly kind: 'credit_to_all'
    readonly taskId: string
    readonly reason: string
  }
  /** An instant after the exam, for the review's decision. */
  readonly after: Date
}

/**
 * `count` candidates of one group (so one review can touch all of them), fee 0, all finishing.
 * `examId` tells several sittings of one size apart (the restart bench seeds many).
 */
export const benchSitting = (
  count: number,
  group: GroupCode = 'AA',
  seed = 11,
  examId = `bench-${count}`,
): BenchSitting => {
  const random = createRandom(seed)
  const form = buildDemoForm(group, random)
  const define: ExamCommand = {
    type: 'DefineExam',
    examId,
    title: 'Bench sitting',
    startsAt: S,
    venue: { name: 'Bench centre', address: 'Baku' },
    halls: Array.from({ length: Math.ceil(count / HALL_SEATS) }, (_, i) => ({
      hallId: `hall-${i + 1}`,
      name: `Hall ${i + 1}`,
      seats: HALL_SEATS,
    })),
    forms: [{ form: form.form, key: form.key }],
    fee: Money.zero,
    timing: {},
    definedBy: 'bench',
  }
  let exam = decided(examDecider, examDecider.initialState, define, { now: at(-30 * 24 * 60) })
  const examEvents: ExamEvent[] = [...exam.events]
  const view = sittingViewOf(exam.state as ExamState)
  if (view === undefined) throw new Error('bench data: the sitting is not defined')
  const cabinets = Array.from({ length: count }, (_, i) => `cab-${String(i).padStart(6, '0')}`)
  for (const cabinetId of cabinets) {
    const sessionId = sessionIdOf(examId, cabinetId)
    exam = decided(
      examDecider,
      exam.state,
      { type: 'AllocateSeat', examId, registrationId: `${sessionId}:1`, sessionId },
      { now: at(-10 * 24 * 60) },
    )
    examEvents.push(...exam.events)
  }
  return {
    examId,
    form,
    view,
    examEvents,
    sessions: function* () {
      const seats = seatsOf(examEvents)
      for (const [i, cabinetId] of cabinets.entries())
        yield sessionOf({ examId, cabinetId, index: i, view, form, seats }, createRandom(seed + i))
    },
    review: {
      reviewId: `bench-review-${form.disputed.taskId}`,
      kind: 'credit_to_all',
      taskId: form.disputed.taskId,
      reason: 'Bench: the task has two right options',
    },
    after: at(26 * 60),
  }
}

const seatsOf = (events: readonly ExamEvent[]) =>
  new Map(
    events.flatMap((event) =>
      event.type === 'SeatAllocated'
        ? [
            [
              event.sessionId,
              { hallId: event.hallId, seat: event.seat, slipNumber: event.slipNumber },
            ] as const,
          ]
        : [],
    ),
  )

type SessionArgs = {
  readonly examId: string
  readonly cabinetId: string
  readonly index: number
  readonly view: SittingView
  readonly form: DemoForm
  readonly seats: ReadonlyMap<string, { hallId: string; seat: number; slipNumber: string }>
}

/** One whole session, decided by the session decider from registration to `FinishSession`. */
const sessionOf = ({ examId, cabinetId, index, view, form, seats }: SessionArgs, random: Random) => {
  const sessionId = sessionIdOf(examId, cabinetId)
  const seat = seats.get(sessionId)!
  const subgroup = `${form.form.group}${(index % 4) + 1}` as PlannedCandidate['subgroup']
  let state: SessionState = examSessionDecider.initialState
  const events: SessionEvent[] = []
  const run = (command: SessionCommand, minutes: number) => {
    const next = decided(examSessionDecider, state, command, { now: at(minutes), sitting: view })
    state = next.state
    events.push(...next.events)
  }
  run({ type: 'RequestRegistration', examId, cabinetId, walletId: `w-${cabinetId}`, subgroup }, -10 * 24 * 60)
  run({ type: 'AssignSeat', sessionId, registrationId: `${sessionId}:1`, ...seat }, -10 * 24 * 60)
  run(
    {
      type: 'AdmitCandidate',
      sessionId,
      document: { kind: 'id_card', original: true, holderMatches: true, validUntil: '2031-01-01' },
      slip: { slipNumber: seat.slipNumber, examId },
      checkedBy: 'staff-1',
    } as SessionCommand,
    -40,
  )
  run(
    {
      type: 'RegisterInHall',
      sessionId,
      hallId: seat.hallId,
      seat: seat.seat,
      screen: { surname: 'Bench', name: 'Candidate', patronymic: 'Load' },
      registeredBy: 'staff-2',
    },
    -25,
  )
  const candidate = { subgroup, fate: 'sits', ability: 0.5 + random.next() * 0.4 } as PlannedCandidate
  const answers = answersOf(candidate, form, form.form.variants[0]!.order, random)
  const minute = (n: number) => 1 + Math.floor((n * 150) / answers.length)
  const endsAt = 160 + (index % 15)
  for (const [n, [taskId, answer]] of answers.entries())
    run({ type: 'AnswerTask', sessionId, taskId, answer }, minute(n))
  run({ type: 'FinishSession', sessionId }, endsAt)
  return { sessionId, events }
}
