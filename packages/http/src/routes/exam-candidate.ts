import { type ErrorCode, SubgroupCode, TaskId } from '@imtahan/domain'
import * as t from 'io-ts'
import { type AppContext, callOf, ownCabinet } from '../context.js'
import { answerExample, examRegistrationExample, staffCallExample } from '../examples/requests.js'
import { documented, labelInput, object } from '../openapi/codecs.js'
import type { AddRoute, RouteDeps } from './deps.js'
import {
  AnswerAnswer,
  CandidateResult,
  CandidateTasks,
  Certificate,
  examId,
  RegistrationAnswer,
  SessionStatus,
  SittingSummary,
  Slip,
  StaffCallAnswer,
  TaskRef,
} from './exam-codecs.js'

const TAG = 'Exams: candidate'
const inSitting = object('MySittingParam', { examId })
// The task id is decoded here with the domain's codec (a malformed one is a 400, as before).
const onTask = object('MyTaskParam', {
  examId,
  taskId: documented(TaskId, { type: 'string', description: 'A task id from GET …/tasks', example: 'bb-17' }),
})
const mine: readonly ErrorCode[] = ['session.not_found', 'auth.unauthenticated']

/**
 * SPEC §3 for the signed-in candidate: `/me/exams/{examId}` is the token's
 * own session in that sitting (`<examId>.<cabinetId>`), so another person's
 * session cannot even be named. Nothing here carries a key.
 */
export const examCandidateRoutes = (add: AddRoute, { imtahan }: RouteDeps) => {
  const candidate = imtahan.exams.candidate
  const me = (c: AppContext) => ownCabinet(c)

  add({
    method: 'get',
    path: '/sittings',
    operationId: 'listOpenSittings',
    tag: TAG,
    summary: 'Sittings open for registration, with fee and groups offered (EXM-10)',
    guard: 'session',
    success: { status: 200, description: 'Open sittings', codec: t.readonlyArray(SittingSummary) },
    errors: ['auth.unauthenticated'],
    handle: async ({ c }) => candidate.openSittings(callOf(c)),
  })

  add({
    method: 'post',
    path: '/me/exams/{examId}/registration',
    operationId: 'registerForSitting',
    tag: TAG,
    summary:
      'Register for one subgroup: a seat, the fee from the account, the admission slip (EXM-10, WAL-3, WAL-7)',
    description:
      'Not enough money: 422 `session.insufficient_funds`, nothing charged and no seat kept. `pending` means the fee step finishes in the background.',
    guard: 'session',
    idempotent: true,
    params: inSitting,
    body: object('ExamRegistrationInput', {
      subgroup: documented(SubgroupCode, {
        type: 'string',
        enum: Object.keys(SubgroupCode.keys),
        description: 'AA1 … BB4',
        example: 'BB1',
      }),
    }),
    requestExample: examRegistrationExample,
    success: { status: 201, description: 'Registered (with the slip) or pending', codec: RegistrationAnswer },
    errors: [
      'validation.invalid_input',
      'exam.unknown_sitting',
      'session.insufficient_funds',
      'session.already_registered',
      'session.registration_pending',
      'session.registration_closed',
      'session.group_not_offered',
      'exam.seat_unavailable',
      'idempotency.key_reused',
      'idempotency.in_progress',
    ],
    handle: async ({ params, body, c }) => candidate.register(me(c), params.examId, body, callOf(c)),
  })

  add({
    method: 'get',
    path: '/me/exams/{examId}',
    operationId: 'getMySession',
    tag: TAG,
    summary:
      'My session at this instant: phase, deadline, remaining time, answered count (EXM-15, EXM-16, EXM-19)',
    guard: 'session',
    params: inSitting,
    success: { status: 200, description: 'The session', codec: SessionStatus },
    errors: [...mine, 'exam.unknown_sitting'],
    handle: async ({ params, c }) => candidate.session(me(c), params.examId, callOf(c)),
  })

  add({
    method: 'get',
    path: '/me/exams/{examId}/slip',
    operationId: 'getMySlip',
    tag: TAG,
    summary: 'The admission slip: number, venue, hall, seat, start and arrival time (EXM-10, EXM-11)',
    guard: 'session',
    params: inSitting,
    success: { status: 200, description: 'The slip', codec: Slip },
    errors: [...mine, 'session.no_slip'],
    handle: async ({ params, c }) => candidate.slip(me(c), params.examId, callOf(c)),
  })

  add({
    method: 'get',
    path: '/me/exams/{examId}/tasks',
    operationId: 'getMyTasks',
    tag: TAG,
    summary:
      'The tasks in my variant’s order, with my answers, never the key; only from the start to my deadline (EXM-15, SCO-0)',
    guard: 'session',
    params: inSitting,
    success: { status: 200, description: 'The tasks', codec: CandidateTasks },
    errors: [...mine, 'session.not_started', 'session.ended', 'session.paused', 'session.not_seated'],
    handle: async ({ params, c }) => candidate.tasks(me(c), params.examId, callOf(c)),
  })

  add({
    method: 'put',
    path: '/me/exams/{examId}/answers/{taskId}',
    operationId: 'answerTask',
    tag: TAG,
    summary: 'Answer a task, in any order, changeable until the end (EXM-15, SCO-2)',
    guard: 'session',
    params: onTask,
    body: object('AnswerInput', {
      answer: labelInput('An option letter, or the short open answer', 'B'),
    }),
    requestExample: answerExample,
    success: { status: 200, description: 'The answer as recorded', codec: AnswerAnswer },
    errors: [
      ...mine,
      'validation.invalid_input',
      'session.unknown_task',
      'session.invalid_answer',
      'session.not_started',
      'session.ended',
      'session.paused',
    ],
    handle: async ({ params, body, c }) =>
      candidate.answer(me(c), params.examId, params.taskId, body, callOf(c)),
  })

  add({
    method: 'delete',
    path: '/me/exams/{examId}/answers/{taskId}',
    operationId: 'clearAnswer',
    tag: TAG,
    summary: 'Clear an answer (EXM-15)',
    guard: 'session',
    params: onTask,
    success: { status: 200, description: 'Cleared', codec: TaskRef },
    errors: [...mine, 'session.not_started', 'session.ended', 'session.paused'],
    handle: async ({ params, c }) => candidate.clearAnswer(me(c), params.examId, params.taskId, callOf(c)),
  })

  add({
    method: 'post',
    path: '/me/exams/{examId}/staff-calls',
    operationId: 'callStaff',
    tag: TAG,
    summary: '"Personala müraciət": call staff, e.g. to report wrong data on the screen (EXM-13)',
    guard: 'session',
    params: inSitting,
    body: object('StaffCallInput', {
      message: labelInput('What the candidate needs', 'My surname is misspelt'),
    }),
    requestExample: staffCallExample,
    success: { status: 201, description: 'The request', codec: StaffCallAnswer },
    errors: [...mine, 'validation.invalid_input', 'session.not_seated', 'session.ended'],
    handle: async ({ params, body, c }) => candidate.callStaff(me(c), params.examId, body, callOf(c)),
  })

  add({
    method: 'post',
    path: '/me/exams/{examId}/finish',
    operationId: 'finishExam',
    tag: TAG,
    summary:
      'Finish the exam (not before 45 minutes after the start) and get the result certificate (EXM-16, EXM-17)',
    guard: 'session',
    params: inSitting,
    success: { status: 200, description: 'The certificate (arayış)', codec: Certificate },
    errors: [
      ...mine,
      'session.too_early_to_finish',
      'session.not_started',
      'session.paused',
      'session.not_seated',
    ],
    handle: async ({ params, c }) => candidate.finish(me(c), params.examId, callOf(c)),
  })

  add({
    method: 'get',
    path: '/me/exams/{examId}/certificate',
    operationId: 'getMyCertificate',
    tag: TAG,
    summary: 'The result certificate under the key as it stands, with revisions (EXM-17, SCO-5)',
    guard: 'session',
    params: inSitting,
    success: { status: 200, description: 'The certificate', codec: Certificate },
    errors: [...mine, 'session.not_ended'],
    handle: async ({ params, c }) => candidate.certificate(me(c), params.examId, callOf(c)),
  })

  add({
    method: 'get',
    path: '/me/exams/{examId}/result',
    operationId: 'getMyResult',
    tag: TAG,
    summary:
      'My published result: score, pass mark, passed, revisions; none before publication (APL-1, SCO-6)',
    guard: 'session',
    params: inSitting,
    success: { status: 200, description: 'The result', codec: CandidateResult },
    errors: [...mine, 'exam.results_not_published', 'session.no_result'],
    handle: async ({ params, c }) => candidate.result(me(c), params.examId, callOf(c)),
  })
}
