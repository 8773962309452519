import type { ErrorTable } from '../../kernel/errors.js'
import { INVALID_COMMAND } from '../../kernel/recordable.js'

/** Refusals of an exam sitting (definition, seats, reviews, publication). `exam.unknown_sitting` and `exam.results_not_published` are raised by the adapters when they look a sitting up. */
export const EXAM_ERRORS = {
  'exam.already_defined': {
    status: 409,
    meaning: 'The sitting is already defined; a definition cannot be changed.',
  },
  'exam.already_holds_seat': { status: 409, meaning: 'The session already holds a seat in this sitting.' },
  'exam.already_published': {
    status: 409,
    meaning: 'The results were already published; they are published once.',
  },
  'exam.appeal_window_not_covered': {
    status: 422,
    meaning: 'The calendar has no data for a year the appeal window of these results falls in (CAL-3).',
  },
  'exam.blueprint_inconsistent': { status: 422, meaning: 'The blueprint contradicts itself.' },
  'exam.decision_id_reused': { status: 422, meaning: 'A decision id was reused with other content.' },
  'exam.foreign_session': { status: 422, meaning: 'A decision names sessions that are not of this sitting.' },
  'exam.form_mismatch': { status: 422, meaning: 'A form does not match the blueprint of its group.' },
  'exam.invalid_annulment': {
    status: 422,
    meaning: 'An annulment decision names the wrong sessions for its grounds.',
  },
  'exam.invalid_command': INVALID_COMMAND,
  'exam.invalid_definition': { status: 422, meaning: 'The sitting definition is invalid.' },
  'exam.not_defined': { status: 422, meaning: 'The board has not defined this sitting.' },
  'exam.not_ended': { status: 422, meaning: 'Results are published only after the exam has ended.' },
  'exam.publication_in_past': { status: 422, meaning: 'The publication instant lies in the past.' },
  'exam.registration_already_closed': {
    status: 422,
    meaning:
      'The sitting starts too soon (or has started): its registration would already be closed, so nobody could register.',
  },
  'exam.registration_closed': {
    status: 422,
    meaning: 'Registration for the sitting has closed, so no seat is given.',
  },
  'exam.results_not_published': {
    status: 409,
    meaning: 'The results of the sitting are not published yet (APL-1).',
  },
  'exam.review_id_reused': { status: 422, meaning: 'A review id was already used for another review.' },
  'exam.review_invalid': { status: 422, meaning: 'An expert review does not fit the form it names.' },
  'exam.review_redundant': { status: 422, meaning: 'An expert review changes nothing.' },
  'exam.seat_unavailable': { status: 422, meaning: 'No seat is free in the halls of the sitting.' },
  'exam.sessions_still_open': {
    status: 422,
    meaning: 'Sessions of the sitting are still running; publish after they end.',
  },
  'exam.unknown_registration': { status: 404, meaning: 'No seat was ever requested for this registration.' },
  'exam.unknown_sitting': { status: 404, meaning: 'There is no such sitting.' },
  'exam.unknown_task': { status: 404, meaning: 'No form of the sitting has this task.' },
} as const satisfies ErrorTable
