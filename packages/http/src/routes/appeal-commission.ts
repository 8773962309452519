import {
  AppealCourtCaseInput,
  AppealCourtRulingInput,
  AppealListInput,
  AppealRejectionInput,
  AppealUpholdingInput,
} from '@imtahan/adapters'
import type { ErrorCode } from '@imtahan/domain'
import * as t from 'io-ts'
import { callOf } from '../context.js'
import { appealCourtRulingExample, courtCaseExample, rejectionExample } from '../examples/requests.js'
import { input, object } from '../openapi/codecs.js'
import { appealId, CommissionAppeal, DecisionAnswer } from './appeal-codecs.js'
import type { AddRoute, RouteDeps } from './deps.js'

const TAG = 'Appeals: commission'
const onAppeal = object('AppealParam', { appealId })
const found: readonly ErrorCode[] = ['auth.unauthenticated', 'auth.forbidden', 'appeal.not_found']
const decisionErrors: readonly ErrorCode[] = [...found, 'validation.invalid_input', 'appeal.already_decided']
/**
 * APL-4/APL-5 for the appeals commission (API key role `commission`): list
 * and read appeals, decide, and record the court's part. A decision is
 * final: the same decision again records nothing (and finishes a re-score a
 * crash interrupted); a different one is 409 `appeal.already_decided`.
 */
export const appealCommissionRoutes = (add: AddRoute, { imtahan }: RouteDeps) => {
  const commission = imtahan.appeals.commission

  add({
    method: 'get',
    path: '/commission/appeals',
    operationId: 'listAppeals',
    tag: TAG,
    summary: 'Appeals: open first (first filed, first listed), then decided ones, newest decision first',
    guard: 'commission',
    query: input('AppealListQuery', AppealListInput),
    success: { status: 200, description: 'Appeals', codec: t.readonlyArray(CommissionAppeal) },
    errors: ['auth.unauthenticated', 'validation.invalid_input'],
    handle: async ({ query, c }) => commission.list(query, callOf(c)),
  })

  add({
    method: 'get',
    path: '/commission/appeals/{appealId}',
    operationId: 'getAppeal',
    tag: TAG,
    summary: 'One appeal: the disputed tasks with the answers given, grounds, decision, court (APL-3…APL-5)',
    guard: 'commission',
    params: onAppeal,
    success: { status: 200, description: 'The appeal', codec: CommissionAppeal },
    errors: found,
    handle: async ({ params, c }) => commission.get(params.appealId, callOf(c)),
  })

  add({
    method: 'post',
    path: '/commission/appeals/{appealId}/rejection',
    operationId: 'rejectAppeal',
    tag: TAG,
    summary: 'Reject: the result stays as it is; the reasons are shown in the cabinet (APL-4)',
    guard: 'commission',
    params: onAppeal,
    body: input('AppealRejection', AppealRejectionInput),
    requestExample: rejectionExample,
    success: { status: 200, description: 'The decided appeal', codec: DecisionAnswer },
    errors: decisionErrors,
    handle: async ({ params, body, c }) => commission.reject(params.appealId, body, callOf(c)),
  })

  add({
    method: 'post',
    path: '/commission/appeals/{appealId}/upholding',
    operationId: 'upholdAppeal',
    tag: TAG,
    summary:
      'Uphold with a corrected judgement per task; the result is re-scored and pass/fail recomputed (APL-4, APL-6)',
    description:
      '`credited`: the task counts as correct for this candidate; `answer_accepted`: the answer given is accepted ' +
      '(not for a blank). Only disputed tasks, each once; a correction never lowers a score. ' +
      '`rescore` says whether the session was re-scored in this request.',
    guard: 'commission',
    params: onAppeal,
    body: input('AppealUpholding', AppealUpholdingInput),
    requestExample: {
      corrections: [{ taskId: 'bb-17', kind: 'answer_accepted' }],
      reasons: 'Option C is also correct.',
      by: 'apl-7',
    },
    success: { status: 200, description: 'The decided appeal and the re-score', codec: DecisionAnswer },
    errors: [
      ...decisionErrors,
      'appeal.invalid_corrections',
      'appeal.task_not_disputed',
      'appeal.no_answer_to_accept',
    ],
    handle: async ({ params, body, c }) => commission.uphold(params.appealId, body, callOf(c)),
  })

  add({
    method: 'post',
    path: '/commission/appeals/{appealId}/court-case',
    operationId: 'fileAppealCourtCase',
    tag: TAG,
    summary: 'Record that the commission’s decision was taken to court (APL-5)',
    guard: 'commission',
    params: onAppeal,
    body: input('AppealCourtCase', AppealCourtCaseInput),
    requestExample: courtCaseExample,
    success: { status: 200, description: 'The appeal with its court case', codec: DecisionAnswer },
    errors: [...found, 'validation.invalid_input', 'appeal.not_decided', 'appeal.court_case_filed'],
    handle: async ({ params, body, c }) => commission.fileCourtCase(params.appealId, body, callOf(c)),
  })

  add({
    method: 'post',
    path: '/commission/appeals/{appealId}/court-ruling',
    operationId: 'recordAppealCourtRuling',
    tag: TAG,
    summary:
      'Record the court’s ruling, once; `result_changed` is the session’s final revision (APL-5, APL-6)',
    guard: 'commission',
    params: onAppeal,
    body: input('AppealCourtRulingInput', AppealCourtRulingInput),
    requestExample: appealCourtRulingExample,
    success: {
      status: 200,
      description: 'The appeal with the ruling and the re-score',
      codec: DecisionAnswer,
    },
    errors: [
      ...found,
      'validation.invalid_input',
      'appeal.no_court_case',
      'appeal.court_ruled',
      'appeal.invalid_ruling',
      'appeal.invalid_corrections',
      'appeal.task_not_disputed',
      'appeal.no_answer_to_accept',
    ],
    handle: async ({ params, body, c }) => commission.recordCourtRuling(params.appealId, body, callOf(c)),
  })
}
