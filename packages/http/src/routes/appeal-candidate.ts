import type { ErrorCode } from '@imtahan/domain'
import * as t from 'io-ts'
import { type AppContext, callOf, ownCabinet } from '../context.js'
import { object, text } from '../openapi/codecs.js'
import { Appeal, appealId, CandidateRecord } from './appeal-codecs.js'
import type { AddRoute, RouteDeps } from './deps.js'
import { examId } from './exam-codecs.js'

const TAG = 'Appeals: candidate'
const inSitting = object('MyAppealSittingParam', { examId })
const onAppeal = object('MyAppealParam', { appealId })
const mine: readonly ErrorCode[] = ['auth.unauthenticated']
const taskIdText = text('A task id as shown with the result (SCO-0)', 'bb-17')

/** Every refusal a filing can meet (docs/appeals.md, "Errors a client sees"). */
const FILING_ERRORS: readonly ErrorCode[] = [
  'validation.invalid_input',
  'session.not_found',
  'exam.unknown_sitting',
  'appeal.no_result',
  'appeal.not_published',
  'appeal.annulled_result',
  'appeal.window_closed',
  'calendar.year_missing',
  'appeal.already_open',
  'appeal.sequence_stale',
  'appeal.unknown_task',
  'appeal.task_already_decided',
  'idempotency.key_reused',
  'idempotency.in_progress',
]

/**
 * APL-2/APL-3 and CAB-11 for the signed-in candidate. Appeals are filed
 * against `/me/exams/{examId}`, the token's own session in that sitting, so
 * another person's result cannot be named; reading another cabinet's appeal
 * by id answers 404 like one that does not exist. Nothing here carries a key.
 */
export const appealCandidateRoutes = (add: AddRoute, { imtahan }: RouteDeps) => {
  const candidate = imtahan.appeals.candidate
  const me = (c: AppContext) => ownCabinet(c)

  add({
    method: 'post',
    path: '/me/exams/{examId}/appeals',
    operationId: 'fileAppeal',
    tag: TAG,
    summary: 'Appeal a published result: the disputed tasks and the grounds (APL-2, APL-3)',
    description:
      'Within 3 business days after the day of publication, closing at 24:00 Asia/Baku (SPEC §4 calendar). ' +
      'Late: 422 `appeal.window_closed` with the deadline in Baku time in `detail` and as ISO in `deadline`. ' +
      'Another appeal of this result still open: 409 `appeal.already_open` (`openAppealId`). ' +
      'An annulled result is challenged in court: 422 `appeal.annulled_result`. ' +
      'Sending the same filing again while it is open answers with that appeal; `Idempotency-Key` is accepted.',
    guard: 'session',
    idempotent: true,
    params: inSitting,
    body: object('AppealFiling', {
      taskIds: t.readonlyArray(taskIdText),
      grounds: text('Why you disagree (up to 4000 characters)', 'My answer to bb-17 is also correct: …'),
    }),
    requestExample: {
      taskIds: ['bb-17'],
      grounds: 'Option C is also correct: the text allows both readings.',
    },
    success: { status: 201, description: 'The appeal, open', codec: Appeal },
    errors: [...mine, ...FILING_ERRORS],
    handle: async ({ params, body, c }) => candidate.file(me(c), params.examId, body, callOf(c)),
  })

  add({
    method: 'get',
    path: '/me/exams/{examId}/appeals',
    operationId: 'listAppealsOfMyResult',
    tag: TAG,
    summary:
      'The appeals of your result in one sitting, in order, with decisions and re-scores (APL-4, APL-6)',
    guard: 'session',
    params: inSitting,
    success: { status: 200, description: 'Appeals, first filed first', codec: t.readonlyArray(Appeal) },
    errors: [...mine, 'session.not_found'],
    handle: async ({ params, c }) => candidate.ofSitting(me(c), params.examId, callOf(c)),
  })

  add({
    method: 'get',
    path: '/me/appeals',
    operationId: 'listMyAppeals',
    tag: TAG,
    summary: 'All your appeals, newest first, with their status, deadline and decisions (CAB-11)',
    guard: 'session',
    success: { status: 200, description: 'Appeals', codec: t.readonlyArray(Appeal) },
    errors: mine,
    handle: async ({ c }) => candidate.mine(me(c), callOf(c)),
  })

  add({
    method: 'get',
    path: '/me/appeals/{appealId}',
    operationId: 'getMyAppeal',
    tag: TAG,
    summary: 'Follow one appeal: status, decision and reasons, court case, re-score (APL-4, APL-5)',
    guard: 'session',
    params: onAppeal,
    success: { status: 200, description: 'The appeal', codec: Appeal },
    errors: [...mine, 'appeal.not_found'],
    handle: async ({ params, c }) => candidate.get(me(c), params.appealId, callOf(c)),
  })

  add({
    method: 'get',
    path: '/cabinets/me/record',
    operationId: 'getMyExamRecord',
    tag: TAG,
    summary:
      'Your exams: sessions, results after publication, every revision, appeals with status and deadlines (CAB-11)',
    description:
      'Newest sitting first. `appealWindow` is computed with the business calendar when read; ' +
      '`unavailable` when the calendar has no data for a year the window needs (CAL-3). ' +
      '`canAppeal`: in the window, not annulled, no appeal open.',
    guard: 'session',
    success: { status: 200, description: 'The record', codec: CandidateRecord },
    errors: mine,
    handle: async ({ c }) => candidate.record(me(c), callOf(c)),
  })
}
