import type { ExamEvent, SessionEnded, SessionEvent } from '@imtahan/domain'
import type { RecordedEvent } from '../../store/port.js'
import { foldCheck } from '../check.js'
import type { Finding } from '../finding.js'
import { differences } from './score-compare.js'
import {
  formOfSession,
  rescore,
  reviewProblem,
  reviewsOnForm,
  type Session,
  sittingOf,
} from './score-ledger.js'
import { onAppealRevised, onRevised } from './score-revisions.js'
import { reporter, type ScoreState } from './score-state.js'
import { sittingReports, trackRevision } from './score-summary.js'

const onExam = (state: ScoreState, event: ExamEvent): void => {
  if (event.type === 'ExamDefined') state.sittings.set(event.examId, sittingOf(event))
  const sitting = state.sittings.get(event.examId)
  if (sitting === undefined) return
  if (event.type === 'ExpertReviewRecorded')
    sitting.reviews.set(event.review.reviewId, { review: event.review, order: sitting.reviews.size })
  if (event.type === 'ResultsPublished') sitting.published = true
}

/** EXM-17/SCO-7: the score recorded at the end, from the final answers under the reviews it names. */
const onEnded = (state: ScoreState, recorded: RecordedEvent, event: SessionEnded) => {
  state.sessionsChecked += 1
  const { report, done } = reporter(state, recorded)
  const sitting = state.sittings.get(event.examId)
  const form = formOfSession(sitting, event.subgroup)
  const session: Session = {
    examId: event.examId,
    subgroup: event.subgroup,
    answers: event.answers,
    form,
    applied: new Set(event.reviewIds),
    corrected: new Set(),
    appealRevisions: new Set(),
    // As recorded until recomputed below (all there is for a session that cannot be recomputed).
    score: event.result.total.points,
    passed: event.result.passed,
    annulment: undefined,
  }
  state.sessions.set(recorded.streamId, session)
  if (sitting === undefined || form === undefined) {
    report(
      'no-form',
      'SCO-7',
      sitting === undefined
        ? `sitting ${event.examId} is not defined earlier in the log: the score cannot be recomputed`
        : `sitting ${event.examId} has no form for ${event.subgroup}: the score cannot be recomputed`,
    )
    return done()
  }
  if (form.form.formId !== event.formId)
    report('form', 'SCO-7', `names form ${event.formId}, but the sitting's form is ${form.form.formId}`)
  if (session.applied.size !== event.reviewIds.length)
    report('review-twice', 'SCO-5', 'names the same expert review twice')
  for (const reviewId of session.applied) {
    const problem = reviewProblem(sitting, form, reviewId)
    if (problem !== undefined) report('unknown-review', 'SCO-5', problem)
  }
  const recomputed = rescore(sitting, form, session, session.applied)
  session.score = recomputed.total.points
  session.passed = recomputed.passed
  for (const difference of differences(event.result, recomputed))
    report(difference.problem, difference.rule, difference.message)
  done()
}

const onSession = (state: ScoreState, recorded: RecordedEvent, event: SessionEvent) => {
  const session = state.sessions.get(recorded.streamId)
  switch (event.type) {
    case 'SessionEnded':
      return onEnded(state, recorded, event)
    case 'ScoreRevised':
      return onRevised(state, recorded, event)
    case 'ScoreRevisedOnAppeal':
      return onAppealRevised(state, recorded, event)
    case 'ResultAnnulled':
      if (session !== undefined) session.annulment = event.decisionId
      return
    case 'CourtRulingRecorded':
      if (session?.annulment === event.decisionId && event.outcome === 'annulment_reversed')
        session.annulment = undefined
      return
    default:
      return
  }
}

/**
 * SCO-5: once the log is quiet, every finished result stands under every
 * review of its form. A review the re-score never reached leaves a score
 * that the events say should be higher; only the reviews that would change
 * this result are named.
 */
const staleScores = (state: ScoreState): Finding[] =>
  [...state.sessions.entries()].flatMap(([streamId, session]): Finding[] => {
    const sitting = state.sittings.get(session.examId)
    const { form } = session
    if (sitting === undefined || form === undefined) return []
    const all = reviewsOnForm(sitting, form)
    const missing = [...all].filter((reviewId) => !session.applied.has(reviewId))
    if (missing.length === 0) return []
    const final = rescore(sitting, form, session, all)
    if (final.total.points === session.score) return []
    const raising = missing.filter(
      (reviewId) =>
        rescore(sitting, form, session, new Set([...session.applied, reviewId])).total.points !==
        session.score,
    )
    return [
      {
        check: 'scores',
        problem: 'not-rescored',
        rule: 'SCO-5',
        streamId,
        message: `${streamId}: score in force ${session.score}, but under review(s) ${raising.join(', ')} it is ${final.total.points}; no revision applies them`,
      },
    ]
  })

/**
 * SCO-7 (with SCO-4, SCO-5, SCO-6, APL-4): every score the sessions recorded
 * — at the end, at each expert-review re-score and at each re-score on appeal
 * — is recomputed from the events alone: the final answers, the sitting's
 * form and key, the expert reviews the result says it reflects and the
 * session's appeal corrections. The pass marks are the ones the sitting's
 * `ExamDefined` records (an event from before they were recorded reads with
 * the defaults then in force, `upcastExamDefined`), so the audit needs no
 * configuration and no SPEC table.
 */
export const createScoresCheck = () =>
  foldCheck({
    name: 'scores',
    title:
      'SCO-7: every recorded and revised score recomputed from answers, form, key, reviews and appeal corrections equals the recorded one; ' +
      'SCO-4: every pass/fail; SCO-5: revisions never lower a score and apply every review; SCO-6: an annulled result never passes',
    initial: (): ScoreState => ({
      sittings: new Map(),
      sessions: new Map(),
      findings: [],
      revisions: [],
      sessionsChecked: 0,
      revisionsChecked: 0,
      appealRevisionsChecked: 0,
      mismatches: 0,
    }),
    step: (state, { recorded, decoded }) => {
      if (decoded.kind !== 'decoded') return state // the decode check names it
      if (decoded.category === 'exam') onExam(state, decoded.event as ExamEvent)
      if (decoded.category === 'examsession') {
        trackRevision(state, recorded, decoded.event as SessionEvent)
        onSession(state, recorded, decoded.event as SessionEvent)
      }
      return state
    },
    finish: (state) => {
      const stale = staleScores(state)
      const sittings = [...state.sittings.values()]
      return {
        findings: [...state.findings, ...stale],
        totals: {
          sittings: sittings.length,
          sittingsPublished: sittings.filter((sitting) => sitting.published).length,
          sessionsChecked: state.sessionsChecked,
          revisionsChecked: state.revisionsChecked,
          appealRevisionsChecked: state.appealRevisionsChecked,
          mismatches: state.mismatches,
          notRescored: stale.length,
          annulledInForce: [...state.sessions.values()].filter((s) => s.annulment !== undefined).length,
        },
        details: { sittings: sittingReports(state) },
      }
    },
  })

export const scoresCheck = createScoresCheck()
