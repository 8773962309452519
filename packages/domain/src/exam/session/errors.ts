import type { ErrorTable } from '../../kernel/errors.js'
import { INVALID_COMMAND } from '../../kernel/recordable.js'

/**
 * Refusals of one candidate's exam session. `session.not_found`, `no_slip`
 * and `not_ended` are raised by the adapters when they read a session.
 * Moments out of order (before the start, after the end, while paused) are
 * 409: the request is right, the time is not.
 */
export const SESSION_ERRORS = {
  'session.already_annulled': { status: 409, meaning: 'The result is already annulled.' },
  'session.already_registered': {
    status: 409,
    meaning: 'The candidate is already registered for this sitting.',
  },
  'session.challenge_id_reused': { status: 422, meaning: 'A court challenge id concerns another decision.' },
  'session.challenge_open': { status: 422, meaning: 'A court challenge against the decision is still open.' },
  'session.ended': { status: 409, meaning: 'The session has ended.' },
  'session.evidence_required': {
    status: 422,
    meaning: 'A removal annuls the result and needs an evidence reference.',
  },
  'session.exam_started': {
    status: 422,
    meaning: 'Candidate data can be corrected only before the exam starts.',
  },
  'session.group_not_offered': { status: 422, meaning: 'The sitting offers no test for this group.' },
  'session.insufficient_funds': { status: 422, meaning: 'The balance does not cover the registration fee.' },
  'session.invalid_answer': { status: 422, meaning: 'An answer is not one of the task’s option letters.' },
  'session.invalid_command': INVALID_COMMAND,
  'session.invalid_violation': {
    status: 422,
    meaning: 'The violation does not fit the moment or lacks what it needs.',
  },
  'session.no_answer_to_accept': {
    status: 422,
    meaning: 'A task was left blank, so there is no answer to accept.',
  },
  'session.no_result': {
    status: 422,
    meaning: 'The session has no result (the candidate did not sit the exam).',
  },
  'session.no_seat_yet': { status: 422, meaning: 'The fee cannot be confirmed before a seat is held.' },
  'session.no_slip': { status: 422, meaning: 'No admission slip: the registration is not confirmed.' },
  'session.not_admitted': { status: 422, meaning: 'The candidate was not admitted at the entrance.' },
  'session.not_ended': { status: 422, meaning: 'The certificate is issued only when the session ends.' },
  'session.not_found': { status: 404, meaning: 'There is no such session in this sitting.' },
  'session.not_paused': { status: 422, meaning: 'The session is not paused.' },
  'session.not_registered': {
    status: 422,
    meaning: 'The candidate holds no confirmed registration for this sitting.',
  },
  'session.not_seated': { status: 422, meaning: 'The candidate is not seated in the hall.' },
  'session.not_started': { status: 409, meaning: 'The exam has not started yet.' },
  'session.nothing_to_correct': { status: 422, meaning: 'The corrections equal what is already recorded.' },
  'session.paused': { status: 409, meaning: 'The session is paused by staff.' },
  'session.registration_closed': { status: 422, meaning: 'Registration for the sitting has closed.' },
  'session.registration_pending': {
    status: 409,
    meaning: 'A registration for the sitting is still being processed.',
  },
  'session.registration_refused': {
    status: 422,
    meaning: 'The registration was already refused; its fee is refunded.',
  },
  'session.rescore_would_lower': { status: 422, meaning: 'A re-score never lowers a score.' },
  'session.ruling_recorded': {
    status: 422,
    meaning: 'The court ruling on this challenge is already recorded.',
  },
  'session.too_early_to_finish': {
    status: 422,
    meaning: 'The exam cannot be finished before the earliest finish.',
  },
  'session.too_late': { status: 422, meaning: 'Nobody enters the hall after the exam has started.' },
  'session.unknown_annulment': { status: 404, meaning: 'The decision did not annul this result.' },
  'session.unknown_challenge': { status: 404, meaning: 'No such court challenge was filed for the session.' },
  'session.unknown_hall': { status: 404, meaning: 'The hall is not a hall of this sitting.' },
  'session.unknown_registration': {
    status: 404,
    meaning: 'The registration is not the session’s current one.',
  },
  'session.unknown_review': { status: 404, meaning: 'The sitting has no such expert review.' },
  'session.unknown_task': { status: 404, meaning: 'The task is not on the candidate’s form.' },
  'session.wrong_seat': { status: 422, meaning: 'The candidate must sit in the hall and seat on the slip.' },
  'session.wrong_session': {
    status: 422,
    meaning: 'The command names another session than the stream holds.',
  },
  'session.wrong_sitting': { status: 422, meaning: 'The request is for another sitting.' },
} as const satisfies ErrorTable
