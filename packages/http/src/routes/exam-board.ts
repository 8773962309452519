import {
  AnnulmentInput,
  CourtChallengeInput,
  CourtRulingInput,
  DefineSittingInput,
  ExtensionInput,
  PublicationInput,
  RecordReviewInput,
  ReviewInput,
} from '@imtahan/adapters'
import type { ErrorCode } from '@imtahan/domain'
import * as t from 'io-ts'
import { callOf } from '../context.js'
import {
  annulmentExample,
  courtChallengeExample,
  courtRulingExample,
  extensionExample,
  publicationExample,
  reviewExample,
  sittingExample,
} from '../examples/requests.js'
import { input, object } from '../openapi/codecs.js'
import { timingInput } from '../openapi/timing.js'
import type { AddRoute, RouteDeps } from './deps.js'
import {
  AnnulmentAnswer,
  examId,
  PublicationAnswer,
  ReviewAnswer,
  ReviewImpact,
  SessionStatus,
  SittingDetail,
  SittingSummary,
  sessionId,
} from './exam-codecs.js'

const TAG = 'Exams: board'
const inSitting = object('SittingParam', { examId })
const onSession = object('SessionParam', { examId, sessionId })
const sessionErrors: readonly ErrorCode[] = [
  'validation.invalid_input',
  'session.not_found',
  'exam.unknown_sitting',
  'auth.forbidden',
]

/** SPEC §3 for the examination board (API key role `board`): the only routes that ever carry keys (in requests). */
export const examBoardRoutes = (add: AddRoute, { imtahan }: RouteDeps) => {
  const board = imtahan.exams.board

  add({
    method: 'post',
    path: '/board/sittings',
    operationId: 'defineSitting',
    tag: TAG,
    summary:
      'Define a sitting: start, venue, halls, fee, timing, one form + key per group (EXM-1, EXM-2, EXM-3, EXM-10)',
    description:
      'Every form is checked against the blueprint; a mismatch answers 422 `exam.form_mismatch` with every problem in `mismatches`.',
    guard: 'board',
    // The adapters' input with `timing` documented field by field; it decodes the same.
    body: input(
      'DefineSitting',
      t.type({ ...DefineSittingInput.props, timing: timingInput }, 'DefineSittingInput'),
    ),
    requestExample: sittingExample(),
    success: { status: 201, description: 'The sitting as candidates see it', codec: SittingSummary },
    errors: [
      'validation.invalid_input',
      'exam.form_mismatch',
      'exam.already_defined',
      'exam.invalid_definition',
      'exam.registration_already_closed',
    ],
    handle: async ({ body, c }) => board.defineSitting(body, callOf(c)),
  })

  add({
    method: 'get',
    path: '/board/sittings',
    operationId: 'listSittings',
    tag: TAG,
    summary: 'Every sitting with its publication instant (APL-1)',
    guard: 'board',
    success: { status: 200, description: 'Sittings', codec: t.readonlyArray(SittingSummary) },
    errors: [],
    handle: async ({ c }) => board.sittings(callOf(c)),
  })

  add({
    method: 'get',
    path: '/board/sittings/{examId}',
    operationId: 'getSittingResults',
    tag: TAG,
    summary: 'A sitting with its reviews, annulments and every result with its revisions (SCO-3…SCO-6)',
    guard: 'board',
    params: inSitting,
    success: { status: 200, description: 'The sitting and its results', codec: SittingDetail },
    errors: ['exam.unknown_sitting'],
    handle: async ({ params, c }) => board.sitting(params.examId, callOf(c)),
  })

  add({
    method: 'post',
    path: '/board/sittings/{examId}/reviews/dry-run',
    operationId: 'dryRunExpertReview',
    tag: TAG,
    summary:
      'Expert review dry run: which results would change, whose pass/fail would flip (SCO-5); records nothing',
    guard: 'board',
    params: inSitting,
    body: input('ReviewInput', ReviewInput),
    requestExample: {
      review: { reviewId: 'rev-1', kind: 'credit_to_all', taskId: 'bb-0', reason: 'No correct option' },
    },
    success: { status: 200, description: 'The impact', codec: ReviewImpact },
    errors: [
      'validation.invalid_input',
      'exam.unknown_sitting',
      'exam.not_ended',
      'exam.unknown_task',
      'exam.review_invalid',
      'exam.review_redundant',
    ],
    handle: async ({ params, body, c }) => board.reviewDryRun(params.examId, body, callOf(c)),
  })

  add({
    method: 'post',
    path: '/board/sittings/{examId}/reviews',
    operationId: 'recordExpertReview',
    tag: TAG,
    summary: 'Record an expert review and re-score every affected result, one revision each (SCO-5, APL-6)',
    guard: 'board',
    params: inSitting,
    body: input('RecordReview', RecordReviewInput),
    requestExample: reviewExample,
    success: { status: 201, description: 'How many results were re-scored', codec: ReviewAnswer },
    errors: [
      'validation.invalid_input',
      'exam.unknown_sitting',
      'exam.not_ended',
      'exam.unknown_task',
      'exam.review_invalid',
      'exam.review_redundant',
      'exam.review_id_reused',
    ],
    handle: async ({ params, body, c }) => board.recordReview(params.examId, body, callOf(c)),
  })

  add({
    method: 'post',
    path: '/board/sittings/{examId}/annulments',
    operationId: 'annulResults',
    tag: TAG,
    summary:
      'Annul one result (forgery, impersonation) or both of a copying pair, with who, why and evidence (EXM-21, EXM-22, SCO-6)',
    guard: 'board',
    params: inSitting,
    body: input('Annulment', AnnulmentInput),
    requestExample: annulmentExample,
    success: { status: 201, description: 'The decision and the sessions it annuls', codec: AnnulmentAnswer },
    errors: [
      'validation.invalid_input',
      'exam.unknown_sitting',
      'exam.not_ended',
      'exam.invalid_annulment',
      'exam.foreign_session',
      'exam.decision_id_reused',
    ],
    handle: async ({ params, body, c }) => board.annul(params.examId, body, callOf(c)),
  })

  add({
    method: 'post',
    path: '/board/sittings/{examId}/sessions/{sessionId}/court-challenges',
    operationId: 'fileCourtChallenge',
    tag: TAG,
    summary: 'Record that an annulment was taken to court (EXM-22)',
    guard: 'board',
    params: onSession,
    body: input('CourtChallenge', CourtChallengeInput),
    requestExample: courtChallengeExample,
    success: { status: 201, description: 'The session after it', codec: SessionStatus },
    errors: [
      ...sessionErrors,
      'session.unknown_annulment',
      'session.challenge_open',
      'session.challenge_id_reused',
    ],
    handle: async ({ params, body, c }) =>
      board.fileCourtChallenge(params.examId, params.sessionId, body, callOf(c)),
  })

  add({
    method: 'post',
    path: '/board/sittings/{examId}/sessions/{sessionId}/court-rulings',
    operationId: 'recordCourtRuling',
    tag: TAG,
    summary: 'Record the court’s outcome; a reversal makes the result count again (EXM-22)',
    guard: 'board',
    params: onSession,
    body: input('CourtRuling', CourtRulingInput),
    requestExample: courtRulingExample,
    success: { status: 201, description: 'The session after it', codec: SessionStatus },
    errors: [...sessionErrors, 'session.unknown_challenge', 'session.ruling_recorded'],
    handle: async ({ params, body, c }) =>
      board.recordCourtRuling(params.examId, params.sessionId, body, callOf(c)),
  })

  add({
    method: 'post',
    path: '/board/sittings/{examId}/publication',
    operationId: 'publishResults',
    tag: TAG,
    summary: 'Publish the results at P (now by default; never before every session has ended) (APL-1)',
    guard: 'board',
    params: inSitting,
    body: input('Publication', PublicationInput),
    requestExample: publicationExample,
    success: { status: 201, description: 'The publication instant', codec: PublicationAnswer },
    errors: [
      'validation.invalid_input',
      'exam.unknown_sitting',
      'exam.not_ended',
      'exam.sessions_still_open',
      'exam.already_published',
      'exam.publication_in_past',
      'exam.appeal_window_not_covered',
    ],
    handle: async ({ params, body, c }) => board.publish(params.examId, body, callOf(c)),
  })

  add({
    method: 'post',
    path: '/board/sittings/{examId}/sessions/{sessionId}/extensions',
    operationId: 'grantExtension',
    tag: TAG,
    summary: 'Grant an individual time extension (an accommodation), before or during the exam (EXM-19)',
    guard: 'board',
    params: onSession,
    body: input('Extension', ExtensionInput),
    requestExample: extensionExample,
    success: { status: 201, description: 'The session with its new deadline', codec: SessionStatus },
    errors: [...sessionErrors, 'session.ended'],
    handle: async ({ params, body, c }) =>
      board.grantExtension(params.examId, params.sessionId, body, callOf(c)),
  })
}
