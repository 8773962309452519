import {
  type AppealCalendar,
  type ExamCommand,
  type ExamState,
  examDecider,
  openSessions,
  type RecordExpertReview,
  reviewDryRun,
  type SessionRow,
} from '@imtahan/domain'
import * as E from 'fp-ts/lib/Either.js'
import type { Call } from '../shared/caller.js'
import type { FollowUps } from '../shared/process-registry.js'
import type { Result } from '../shared/result.js'
import type { ExamBoardUseCases, ResultRow, ReviewAnswer, SittingDetail } from './api.js'
import { actOnSession, asBoard, checkSessionOf, type SessionAction } from './common.js'
import { type ExamEnv, sittingOf } from './env.js'
import type {
  AnnulmentInput,
  CourtChallengeInput,
  CourtRulingInput,
  DefineSittingInput,
  ExtensionInput,
  PublicationInput,
  RecordReviewInput,
  ReviewInput,
} from './inputs.js'
import { rescoreSitting } from './rescore.js'
import { allRows } from './rows.js'
import { summaryOf } from './summaries.js'

/** One board decision on the sitting's stream, at `now` (by default the clock's). */
const decide = async (
  exam: ExamEnv,
  command: ExamCommand,
  call: Call,
  openSessions?: number,
  appealCalendar?: AppealCalendar,
  now: Date = exam.clock.now(),
) => {
  const context = {
    now,
    blueprint: exam.blueprint,
    ...(openSessions === undefined ? {} : { openSessions }),
    ...(appealCalendar === undefined ? {} : { appealCalendar }),
  }
  return exam.sittings.run(command.examId, { command, context, call })
}

/** The board sees scores and their history, never answers or keys. */
const rowOf = (row: SessionRow): ResultRow => {
  const { final } = row
  return {
    sessionId: row.sessionId,
    subgroup: row.subgroup,
    registered: row.registered,
    seated: row.seated,
    ended: final !== undefined,
    ...(final === undefined
      ? {}
      : {
          endReason: final.endReason,
          score: final.score,
          passMark: final.result.passMark,
          passed: final.passed,
          annulled: final.annulled,
        }),
    revisions: final?.revisions ?? [],
  }
}

const detailOf = async (exam: ExamEnv, state: ExamState): Promise<SittingDetail | undefined> => {
  const definition = state.definition
  if (definition === undefined) return undefined
  return {
    ...summaryOf(definition, state.published?.publishedAt),
    reviews: state.reviews.map(({ review }) => ({
      reviewId: review.reviewId,
      kind: review.kind,
      taskId: review.taskId,
      reason: review.reason,
    })),
    annulments: state.decisions.map(({ decisionId, grounds, sessionIds }) => ({
      decisionId,
      grounds,
      sessionIds,
    })),
    results: (await allRows(exam, definition.examId)).map(rowOf),
  }
}

const boardOnly =
  <Args extends unknown[], A>(act: (...args: Args) => Result<A>) =>
  async (...args: Args): Result<A> => {
    const call = args[args.length - 1] as Call
    const allowed = asBoard(call)
    return E.isLeft(allowed) ? allowed : act(...args)
  }

export const boardUseCases = (
  exam: ExamEnv,
  followUps: FollowUps,
  /** CAL-3: the calendar publication checks the appeal window against (none: not checked). */
  appealCalendar?: () => Promise<AppealCalendar>,
): ExamBoardUseCases => {
  const onSession =
    <I>(build: (sessionId: string, input: I) => SessionAction) =>
    async (examId: string, sessionId: string, input: I, call: Call) => {
      const allowed = checkSessionOf(examId, sessionId)
      if (E.isLeft(allowed)) return allowed
      return actOnSession(exam, followUps, build(sessionId, input), call)
    }
  return {
    defineSitting: boardOnly(async (input: DefineSittingInput, call: Call) => {
      const { examId, title, startsAt, venue, halls, forms, fee } = input
      const done = await decide(
        exam,
        {
          type: 'DefineExam',
          examId,
          title,
          startsAt,
          venue,
          halls,
          forms,
          fee,
          timing: input.timing,
          definedBy: input.by,
        },
        call,
      )
      if (E.isLeft(done)) return done
      const { state } = await exam.sittings.load(input.examId)
      return state.definition === undefined
        ? E.left({ code: 'exam.unknown_sitting', message: 'Not defined.' })
        : E.right(summaryOf(state.definition))
    }),
    sittings: boardOnly(async (_call: Call) => {
      await exam.results.catchUp()
      return E.right(
        (await exam.results.sittings()).map(({ defined, publishedAt }) => summaryOf(defined, publishedAt)),
      )
    }),
    sitting: boardOnly(async (examId: string, _call: Call) => {
      const sitting = await sittingOf(exam, examId)
      if (E.isLeft(sitting)) return sitting
      await exam.results.catchUp()
      const detail = await detailOf(exam, sitting.right.state)
      return detail === undefined
        ? E.left({ code: 'exam.unknown_sitting', message: `There is no sitting ${examId}.` })
        : E.right(detail)
    }),
    reviewDryRun: boardOnly(async (examId: string, input: ReviewInput, _call: Call) => {
      const command: RecordExpertReview = {
        type: 'RecordExpertReview',
        examId,
        review: input.review,
        decidedBy: 'dry-run',
      }
      const sitting = await sittingOf(exam, examId)
      if (E.isLeft(sitting)) return sitting
      // The real decision's checks (a task on the form, after the exam, not redundant), recording nothing.
      const checked = examDecider.decide(command, sitting.right.state, {
        now: exam.clock.now(),
        blueprint: exam.blueprint,
      })
      if (E.isLeft(checked)) return checked
      await exam.results.catchUp()
      return E.right(
        reviewDryRun(sitting.right.state, await exam.results.results(examId), input.review, exam.blueprint),
      )
    }),
    recordReview: boardOnly(
      async (examId: string, input: RecordReviewInput, call: Call): Result<ReviewAnswer> => {
        const done = await decide(
          exam,
          { type: 'RecordExpertReview', examId, review: input.review, decidedBy: input.by },
          call,
        )
        if (E.isLeft(done)) return done
        const { reviewId } = input.review
        // Re-scored now so the answer says how many results changed and which could not be. If that
        // stops half-way (store failure), the process runner finishes it from the recorded review with
        // the same ids; the answer counts what was revised before it stopped.
        const { revised, refused, complete, interrupted } = await rescoreSitting(exam, examId, reviewId)
        if (interrupted !== undefined)
          exam.logger?.warn(
            { error: interrupted instanceof Error ? interrupted.name : typeof interrupted },
            're-score deferred',
          )
        return E.right({ reviewId, revised, complete, refused })
      },
    ),
    annul: boardOnly(async (examId: string, input: AnnulmentInput, call: Call) => {
      const { decisionId, grounds, sessionIds, reason, evidenceRef } = input
      const done = await decide(
        exam,
        {
          type: 'DecideAnnulment',
          examId,
          decisionId,
          grounds,
          sessionIds,
          reason,
          evidenceRef,
          decidedBy: input.by,
        },
        call,
      )
      if (E.isLeft(done)) return done
      await followUps.runFollowUps(done.right.events)
      return E.right({ decisionId: input.decisionId, sessionIds: input.sessionIds })
    }),
    fileCourtChallenge: boardOnly(
      onSession((sessionId, input: CourtChallengeInput) => ({
        type: 'FileCourtChallenge',
        sessionId,
        challengeId: input.challengeId,
        decisionId: input.decisionId,
        caseReference: input.caseReference,
      })),
    ),
    recordCourtRuling: boardOnly(
      onSession((sessionId, input: CourtRulingInput) => ({
        type: 'RecordCourtRuling',
        sessionId,
        challengeId: input.challengeId,
        outcome: input.outcome,
        rulingReference: input.rulingReference,
      })),
    ),
    publish: boardOnly(async (examId: string, input: PublicationInput, call: Call) => {
      // APL-1: without `publishAt` "now" is one instant, read once: the decision is told the
      // same `now` it publishes at, however long the catch-up below takes.
      const now = exam.clock.now()
      const publishAt = input.publishAt ?? now
      await exam.results.catchUp()
      const open = openSessions(await exam.results.results(examId)).length
      const done = await decide(
        exam,
        { type: 'PublishResults', examId, publishAt, publishedBy: input.by },
        call,
        open,
        appealCalendar === undefined ? undefined : await appealCalendar(),
        input.publishAt === undefined ? now : undefined,
      )
      if (E.isLeft(done)) return done
      const { state } = await exam.sittings.load(examId)
      return state.published === undefined
        ? E.left({ code: 'exam.unknown_sitting', message: `There is no sitting ${examId}.` })
        : E.right({ examId, publishedAt: state.published.publishedAt })
    }),
    grantExtension: boardOnly(
      onSession((sessionId, input: ExtensionInput) => ({
        type: 'GrantExtension',
        sessionId,
        extensionId: input.extensionId,
        minutes: input.minutes,
        reason: input.reason,
        grantedBy: input.by,
      })),
    ),
  }
}
