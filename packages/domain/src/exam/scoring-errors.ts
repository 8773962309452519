import type { ErrorTable } from '../kernel/errors.js'

/** Refusals of `scoreAnswers` (SCO-7): a result is computed only for a form that fits its blueprint and subgroup. */
export const SCORE_ERRORS = {
  'score.form_mismatch': {
    status: 422,
    meaning: 'The form does not match the blueprint of its group, so no score is computed.',
  },
  'score.group_mismatch': {
    status: 422,
    meaning: 'The subgroup does not sit a form of this group.',
  },
} as const satisfies ErrorTable
