import { randomUUID } from 'node:crypto'
import {
  type AnswerKey,
  annulmentProcess,
  DEFAULT_BLUEPRINT,
  type ExamCommand,
  ExamEvent,
  examDecider,
  examSessionDecider,
  examStreamId,
  type Form,
  fold,
  foldSittingResults,
  type GroupCode,
  Money,
  registrationProcess,
  rescoreProcess,
  type SessionCommand,
  SessionEvent,
  SUBJECTS,
  type SubgroupCode,
  sessionIdOf,
  sessionStreamId,
  sittingViewOf,
  type Task,
} from '@imtahan/domain'
import * as E from 'fp-ts/lib/Either.js'
import { decodeRecorded, type EventCodec, encodeEvent } from '../../src/command/codec.js'
import type { EventStore } from '../../src/store/port.js'

/**
 * A real sitting through the domain deciders and processes, appended to any
 * store — what the scores audit (SCO-7) replays. No facade exists for exams
 * in this package yet, so this is a tiny command bus: read the stream, fold,
 * decide, append at the expected revision, and hand every new event to the
 * registration, annulment and re-score processes.
 */

export const EXAM = 'audit-2026-06'
const S = new Date('2026-06-10T06:00:00Z')
const at = (minutes: number) => new Date(S.getTime() + minutes * 60_000)
const DAY = 24 * 60

/** A form of `group` matching the default blueprint: closed tasks keyed A, open tasks keyed "42". */
export const formOf = (group: GroupCode): { form: Form; key: AnswerKey } => {
  const counts = DEFAULT_BLUEPRINT.groups[group].subjects
  const tasks: Task[] = SUBJECTS.flatMap((subject) =>
    (['open', 'closed'] as const).flatMap((type) =>
      Array.from(
        { length: counts[subject][type] },
        (_, i): Task => ({
          id: `${group}-${subject}-${type[0]}${i + 1}`,
          subject,
          type,
          text: `${type} ${i + 1}`,
          ...(type === 'closed' ? { options: ['one', 'two', 'three', 'four'] } : {}),
        }),
      ),
    ),
  )
  const key = Object.fromEntries(
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

const AA = formOf('AA')
const closedAA = AA.form.tasks.filter((task) => task.type === 'closed')
const openAA = AA.form.tasks.filter((task) => task.type === 'open')
/** Answered wrongly by every AA candidate below, then credited to all (SCO-5). */
export const CREDITED = closedAA.at(-1)!.id
/** Leyla answered it wrongly; her appeal is upheld (APL-4). */
export const APPEALED = closedAA[40]!.id
/** Wrong for every AA candidate; credited by a review after the appeal. */
export const LATE_CREDIT = closedAA[41]!.id
/** Open task for which the board later accepts "43" too. */
export const EXTRA_ANSWER_TASK = openAA[0]!.id

/** AA answers: `open` open tasks right, `closed` closed tasks right, the rest wrong; `fortyThree` answers "43" to the first open task. */
const aaAnswers = (open: number, closed: number, fortyThree = false) =>
  [
    ...openAA.map((task, i) => [task.id, fortyThree && i === 0 ? '43' : i < open ? '42' : '41'] as const),
    ...closedAA.map((task, i) => [task.id, i < closed ? 'A' : 'B'] as const),
  ] as const

/** Who sits, with what: scores in AA2 (pass mark 112) chosen so the reviews move them across it. */
export const CANDIDATES = {
  /** 39×2 + 40 = 118, PASS; +1 credit, +2 for "43" accepted → 121; +1 on appeal, +1 late credit → 123. */
  leyla: { subgroup: 'AA2', answers: aaAnswers(40, 40, true) },
  /** 40×2 + 31 = 111, FAIL; the credit makes 112, PASS (a flip); the late credit 113. */
  murad: { subgroup: 'AA2', answers: aaAnswers(40, 31) },
  /** 111 like Murad, but annulled before the reviews: 112, then 113, yet never PASS (SCO-6). */
  tural: { subgroup: 'AA2', answers: aaAnswers(40, 31) },
  /** 80 of 100 closed in BB3 (pass mark 70): PASS, untouched by the AA reviews. */
  aynur: {
    subgroup: 'BB3',
    answers: formOf('BB').form.tasks.map((task, i) => [task.id, i < 80 ? 'A' : 'C'] as const),
  },
} as const satisfies Record<
  string,
  { subgroup: SubgroupCode; answers: readonly (readonly [string, string])[] }
>

export type Candidate = keyof typeof CANDIDATES
export const sessionOf = (who: Candidate) => sessionIdOf(EXAM, `cab-${who}`)
export const streamOf = (who: Candidate) => sessionStreamId(sessionOf(who))

type Target = { readonly to: 'exam' | 'session'; readonly streamId: string; readonly command: unknown }

export const buildExamHistory = async (store: EventStore) => {
  const examCodec = ExamEvent as unknown as EventCodec<ExamEvent>
  const sessionCodec = SessionEvent as unknown as EventCodec<SessionEvent>
  const examEvents = async () =>
    (await store.readStream(examStreamId(EXAM))).map((r) => decodeRecorded(examCodec, r))
  const sitting = async () => sittingViewOf(fold(examDecider, await examEvents()))!
  const allEvents = async () => {
    const sessions = Object.keys(CANDIDATES).map((who) => streamOf(who as Candidate))
    const recorded = (await store.readAll()).filter((r) => sessions.includes(r.streamId))
    return [...(await examEvents()), ...recorded.map((r) => decodeRecorded(sessionCodec, r))]
  }

  const execute = async ({ to, streamId: id, command }: Target, now: Date): Promise<void> => {
    const streamId = to === 'exam' ? examStreamId(id) : sessionStreamId(id)
    const stored = await store.readStream(streamId)
    const expected = stored.at(-1)?.revision ?? 'no_stream'
    const decision =
      to === 'exam'
        ? examDecider.decide(
            command as ExamCommand,
            fold(
              examDecider,
              stored.map((r) => decodeRecorded(examCodec, r)),
            ),
            { now },
          )
        : examSessionDecider.decide(
            command as SessionCommand,
            fold(
              examSessionDecider,
              stored.map((r) => decodeRecorded(sessionCodec, r)),
            ),
            { now, sitting: await sitting() },
          )
    if (E.isLeft(decision)) throw new Error(`${streamId}: ${decision.left.message}`)
    const events = decision.right as readonly (ExamEvent | SessionEvent)[]
    if (events.length === 0) return
    const codec = to === 'exam' ? examCodec : sessionCodec
    await store.appendToStream(
      streamId,
      events.map((event) => ({ id: randomUUID(), ...encodeEvent(codec as EventCodec<unknown>, event) })),
      expected,
    )
    for (const event of events) {
      const follow = [
        ...registrationProcess(event),
        ...(to === 'exam' ? annulmentProcess(event as ExamEvent) : []),
        ...(to === 'exam'
          ? rescoreProcess(event as ExamEvent, await sitting(), foldSittingResults(await allEvents()))
          : []),
      ]
      for (const next of follow) if (next.to !== 'wallet') await execute(next, now)
    }
  }
  const exam = (command: ExamCommand, now: Date) => execute({ to: 'exam', streamId: EXAM, command }, now)
  const session = (who: Candidate, command: Record<string, unknown>, now: Date) =>
    execute(
      { to: 'session', streamId: sessionOf(who), command: { sessionId: sessionOf(who), ...command } },
      now,
    )

  await exam(
    {
      type: 'DefineExam',
      examId: EXAM,
      title: 'Civil service test, audit sitting',
      startsAt: S,
      venue: { name: 'DİM test centre 1', address: 'Baku, Istiqlaliyyat 7' },
      halls: [{ hallId: 'hall-1', name: 'Hall 1', seats: 10 }],
      forms: [AA, formOf('BB')],
      fee: Money.zero,
      timing: {},
      definedBy: 'board-1',
    },
    new Date('2026-05-01T08:00:00Z'),
  )
  for (const [who, { subgroup, answers }] of Object.entries(CANDIDATES) as [
    Candidate,
    (typeof CANDIDATES)[Candidate],
  ][]) {
    const cabinetId = `cab-${who}`
    await execute(
      {
        to: 'session',
        streamId: sessionOf(who),
        command: { type: 'RequestRegistration', examId: EXAM, cabinetId, walletId: `w-${who}`, subgroup },
      },
      new Date('2026-05-10T08:00:00Z'),
    )
    const state = fold(
      examSessionDecider,
      (await store.readStream(streamOf(who))).map((r) => decodeRecorded(sessionCodec, r)),
    )
    const slip = state.slip!
    const document = { kind: 'id_card', original: true, holderMatches: true, validUntil: '2030-01-01' }
    await session(
      who,
      {
        type: 'AdmitCandidate',
        document,
        slip: { slipNumber: slip.slipNumber, examId: EXAM },
        checkedBy: 'staff-1',
      },
      at(-40),
    )
    const screen = { surname: 'Namizəd', name: who, patronymic: 'Test' }
    await session(
      who,
      { type: 'RegisterInHall', hallId: slip.hallId, seat: slip.seat, screen, registeredBy: 'staff-2' },
      at(-25),
    )
    for (const [taskId, answer] of answers) await session(who, { type: 'AnswerTask', taskId, answer }, at(10))
    await session(who, { type: 'FinishSession' }, at(60))
  }
  await exam(
    {
      type: 'DecideAnnulment',
      examId: EXAM,
      decisionId: 'annul-1',
      grounds: 'forged_documents',
      sessionIds: [sessionOf('tural')],
      decidedBy: 'board-1',
      reason: 'The identity document was forged',
      evidenceRef: 'case-2026-17',
    },
    at(DAY),
  )
  const review = (reviewId: string, rest: Record<string, string>, when = at(DAY + 60)) =>
    exam(
      {
        type: 'RecordExpertReview',
        examId: EXAM,
        review: { reviewId, reason: 'Expert review', ...rest } as never,
        decidedBy: 'board-1',
      },
      when,
    )
  await review('review-1', { kind: 'credit_to_all', taskId: CREDITED })
  await review('review-2', { kind: 'accept_answer', taskId: EXTRA_ANSWER_TASK, answer: '43' })
  await exam(
    { type: 'PublishResults', examId: EXAM, publishAt: at(3 * DAY), publishedBy: 'board-1' },
    at(2 * DAY),
  )
  // APL-4: the commission upholds Leyla's appeal on one task (the command the appeal process sends).
  await session(
    'leyla',
    {
      type: 'ApplyAppealCorrections',
      revisionId: 'appeal:apl-1:commission',
      appealId: 'apl-1',
      by: 'commission',
      corrections: [{ taskId: APPEALED, kind: 'answer_accepted' }],
      reason: 'Appeals commission: option B is also defensible',
    },
    at(4 * DAY),
  )
  // A late review: Leyla's re-score must keep her correction.
  await review('review-3', { kind: 'credit_to_all', taskId: LATE_CREDIT }, at(5 * DAY))
}
