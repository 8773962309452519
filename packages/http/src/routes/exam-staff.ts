import {
  AdmissionInput,
  type Call,
  CandidateDataCorrectionInput,
  HallRegistrationInput,
  PauseInput,
  ResumeInput,
  ViolationInput,
} from '@imtahan/adapters'
import type { ErrorCode } from '@imtahan/domain'
import * as t from 'io-ts'
import { callOf } from '../context.js'
import {
  correctionExample,
  hallRegistrationExample,
  pauseExample,
  resumeExample,
  violationExample,
} from '../examples/requests.js'
import { input, object } from '../openapi/codecs.js'
import type { AddRoute, RouteDeps } from './deps.js'
import { AdmissionAnswer, examId, RosterRow, SessionStatus, sessionId } from './exam-codecs.js'

const TAG = 'Exams: staff'
const onSession = object('StaffSessionParam', { examId, sessionId })
const common: readonly ErrorCode[] = [
  'validation.invalid_input',
  'session.not_found',
  'exam.unknown_sitting',
  'auth.forbidden',
]

/**
 * SPEC §3.3–3.4 for exam staff (API key role `staff`, optionally scoped to
 * sittings: `<secret>@EXAM1+EXAM2`). Staff address a candidate by session id
 * from the roster; they never see answers or keys.
 */
export const examStaffRoutes = (add: AddRoute, { imtahan }: RouteDeps) => {
  const staff = imtahan.exams.staff
  const action = <I>(
    path: string,
    operationId: string,
    summary: string,
    body: t.Type<I, unknown, unknown>,
    requestExample: unknown,
    errors: readonly ErrorCode[],
    run: (examId: string, sessionId: string, input: I, call: Call) => ReturnType<typeof staff.pause>,
  ) =>
    add({
      method: 'post',
      path: `/staff/sittings/{examId}/sessions/{sessionId}/${path}`,
      operationId,
      tag: TAG,
      summary,
      guard: 'staff',
      params: onSession,
      body,
      requestExample,
      success: { status: 200, description: 'The session after it', codec: SessionStatus },
      errors: [...common, ...errors],
      handle: async ({ params, body: decoded, c }) =>
        run(params.examId, params.sessionId, decoded, callOf(c)),
    })

  add({
    method: 'get',
    path: '/staff/sittings/{examId}/sessions',
    operationId: 'listSittingRoster',
    tag: TAG,
    summary: 'The roster: every registration with slip, hall and seat (EXM-11, EXM-13)',
    guard: 'staff',
    params: object('RosterParam', { examId }),
    success: { status: 200, description: 'Sessions of the sitting', codec: t.readonlyArray(RosterRow) },
    errors: ['exam.unknown_sitting', 'auth.forbidden'],
    handle: async ({ params, c }) => staff.roster(params.examId, callOf(c)),
  })

  add({
    method: 'post',
    path: '/staff/sittings/{examId}/sessions/{sessionId}/admission',
    operationId: 'admitCandidate',
    tag: TAG,
    summary:
      'Arrival and admission: on time, original valid document of this person, this sitting’s slip (EXM-11, EXM-12)',
    description: 'A refusal is recorded too: `admitted: false` with every failing reason.',
    guard: 'staff',
    params: onSession,
    body: input('Admission', AdmissionInput),
    requestExample: {
      document: { kind: 'id_card', original: true, holderMatches: true, validUntil: '2030-01-01' },
      slip: { slipNumber: 'cs-2026-06-00001', examId: 'cs-2026-06' },
      by: 'staff-17',
    },
    success: { status: 200, description: 'Admitted or not, with the reasons', codec: AdmissionAnswer },
    errors: [...common, 'session.not_registered'],
    handle: async ({ params, body, c }) => staff.admit(params.examId, params.sessionId, body, callOf(c)),
  })

  action(
    'hall-registration',
    'registerInHall',
    'Hall registration at the slip’s computer; the screen shows the cabinet’s names and the subgroup (EXM-13)',
    input('HallRegistration', HallRegistrationInput),
    hallRegistrationExample,
    ['session.not_admitted', 'session.wrong_seat', 'session.exam_started'],
    staff.registerInHall,
  )
  action(
    'corrections',
    'correctCandidateData',
    'Correct the screen’s data (names, subgroup) before the start, after a staff call (EXM-13)',
    input('Correction', CandidateDataCorrectionInput),
    correctionExample,
    ['session.not_seated', 'session.exam_started', 'session.nothing_to_correct', 'session.group_not_offered'],
    staff.correct,
  )
  action(
    'pauses',
    'pauseSession',
    'Pause for a technical incident (power, workstation, network); the time is added back (EXM-19)',
    input('Pause', PauseInput),
    pauseExample,
    ['session.not_seated', 'session.ended', 'session.paused'],
    staff.pause,
  )
  action(
    'resumption',
    'resumeSession',
    'Resume a paused session (EXM-19)',
    input('Resume', ResumeInput),
    resumeExample,
    ['session.not_paused', 'session.ended'],
    staff.resume,
  )
  action(
    'violations',
    'recordViolation',
    'Record a violation: a warning, or removal that ends the session and annuls the result (EXM-18, EXM-20)',
    input('Violation', ViolationInput),
    violationExample,
    ['session.not_seated', 'session.ended', 'session.evidence_required', 'session.invalid_violation'],
    staff.recordViolation,
  )
}
