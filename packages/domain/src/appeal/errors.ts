import type { ErrorTable } from '../kernel/errors.js'
import { INVALID_COMMAND } from '../kernel/recordable.js'

/**
 * Refusals of an appeal (APL rules). `appeal.unknown_task` is a rule refusal
 * (422), not a missing resource; a session that is not the caller's answers
 * like one that does not exist (404), so a stranger learns nothing; moments
 * out of order are 409 like the exam's. `appeal.not_found` is raised by the
 * adapters when they look an appeal up.
 */
export const APPEAL_ERRORS = {
  'appeal.already_decided': {
    status: 409,
    meaning: 'The commission already decided the appeal; its decision is final here.',
  },
  'appeal.already_open': { status: 409, meaning: 'An appeal of this result is still open.' },
  'appeal.annulled_result': {
    status: 422,
    meaning: 'An annulled result is challenged in court, not appealed.',
  },
  'appeal.court_case_filed': { status: 409, meaning: 'A court case is already recorded for the appeal.' },
  'appeal.court_ruled': { status: 409, meaning: 'The court’s ruling on the appeal is already recorded.' },
  'appeal.invalid_command': INVALID_COMMAND,
  'appeal.invalid_corrections': { status: 422, meaning: 'The corrections name a task more than once.' },
  'appeal.invalid_ruling': {
    status: 422,
    meaning: 'A court ruling does not name the tasks it corrects consistently.',
  },
  'appeal.no_answer_to_accept': {
    status: 422,
    meaning: 'A task was left blank, so there is no answer to accept.',
  },
  'appeal.no_court_case': { status: 409, meaning: 'No court case is recorded for the appeal yet.' },
  'appeal.no_result': { status: 422, meaning: 'The session has no result to appeal.' },
  'appeal.not_decided': { status: 409, meaning: 'The commission has not decided the appeal yet.' },
  'appeal.not_found': { status: 404, meaning: 'There is no such appeal.' },
  'appeal.not_published': {
    status: 409,
    meaning: 'The results are not published yet, so no appeal can be filed.',
  },
  'appeal.not_your_session': {
    status: 404,
    meaning: 'Only the candidate who sat the exam can appeal its result.',
  },
  'appeal.sequence_stale': {
    status: 409,
    meaning: 'The appeal already exists; reload the result’s appeals and file again.',
  },
  'appeal.task_already_decided': {
    status: 422,
    meaning: 'The commission already decided on a disputed task.',
  },
  'appeal.task_not_disputed': { status: 422, meaning: 'Only the disputed tasks can be corrected.' },
  'appeal.unknown': { status: 404, meaning: 'No such appeal was filed.' },
  'appeal.unknown_task': {
    status: 422,
    meaning: 'A disputed task is not a task of the test the candidate sat.',
  },
  'appeal.window_closed': { status: 422, meaning: 'The appeal window has closed.' },
  'appeal.wrong_appeal': { status: 422, meaning: 'The command names another appeal than the stream holds.' },
} as const satisfies ErrorTable
