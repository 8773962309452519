/**
 * HTTP statuses of the appeal errors where the generic rules of `statusFor`
 * would answer wrongly: `appeal.unknown_task` is a rule refusal (422), not a
 * missing resource, though its name ends like one; `appeal.unknown` is a
 * missing appeal (404); a session that is not the caller's answers like one
 * that does not exist (404), so a stranger learns nothing; the moments out of
 * order (before publication, before the decision, before the court case) are
 * 409 like the exam's.
 */
const APPEAL_STATUSES: Readonly<Record<string, number>> = {
  'appeal.unknown': 404,
  'appeal.not_found': 404,
  'appeal.not_your_session': 404,
  'appeal.unknown_task': 422,
  'appeal.not_published': 409,
  'appeal.not_decided': 409,
  'appeal.no_court_case': 409,
  'appeal.court_case_filed': 409,
  'appeal.court_ruled': 409,
  'appeal.sequence_stale': 409,
}

export const appealStatusFor = (code: string): number | undefined => APPEAL_STATUSES[code]
