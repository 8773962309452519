/*
 * Request examples of the exam and appeal routes, as an integrator would
 * send them in the flow of docs/exams.md (one AA sitting, `cs-2026-06`).
 * `test/openapi/examples.test.ts` decodes each one with its route's codec.
 */

export { sittingExample } from './sitting.js'

export const reviewExample = {
  review: {
    reviewId: 'review-2026-06-01',
    kind: 'credit_to_all',
    taskId: 'inf-c7',
    reason: 'Expert commission: the task has no correct option',
  },
  by: 'board-member-2',
}

export const annulmentExample = {
  decisionId: 'annul-2026-06-1',
  grounds: 'copying',
  sessionIds: [
    'cs-2026-06.6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b',
    'cs-2026-06.0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
  ],
  reason: 'Identical answer sheets, seats 12 and 13',
  evidenceRef: 'camera-hall-1/10:42',
  by: 'board-member-1',
}

export const courtChallengeExample = {
  challengeId: 'court-1',
  decisionId: 'annul-2026-06-1',
  caseReference: 'Baku Administrative Court 2-1(101)-77/2026',
}

export const courtRulingExample = {
  challengeId: 'court-1',
  outcome: 'annulment_reversed',
  rulingReference: 'Ruling 2-1(101)-77/2026 of 14 July 2026',
}

export const publicationExample = { by: 'board-member-1', publishAt: '2026-06-10T09:30:00.000Z' }

export const extensionExample = {
  extensionId: 'ext-1',
  minutes: 30,
  reason: 'Medical accommodation granted in advance',
  by: 'board-member-1',
}

export const hallRegistrationExample = { hallId: 'hall-1', seat: 1, by: 'staff-2' }

export const correctionExample = {
  correctionId: 'corr-1',
  corrections: { surname: 'Məmmədov' },
  reason: 'Surname misspelt on the screen; checked against the identity card',
  by: 'staff-2',
}

export const pauseExample = {
  pauseId: 'pause-1',
  incident: 'power',
  note: 'Hall 1 lost power',
  by: 'staff-2',
}

export const resumeExample = { by: 'staff-2' }

export const violationExample = {
  violationId: 'v-1',
  kind: 'talking_or_helping',
  outcome: 'warning',
  note: 'Talked to the neighbour',
  by: 'staff-3',
}

export const examRegistrationExample = { subgroup: 'AA2' }

export const answerExample = { answer: 'B' }

export const staffCallExample = { message: 'My surname is misspelt' }

export const rejectionExample = { reasons: 'Only option A follows from the text.', by: 'apl-1' }

export const courtCaseExample = { caseReference: 'Baku Administrative Court 2-1(101)-78/2026', by: 'apl-1' }

export const appealCourtRulingExample = {
  outcome: 'result_changed',
  rulingReference: 'Ruling 2-1(101)-78/2026 of 20 July 2026',
  corrections: [{ taskId: 'inf-c7', kind: 'credited' }],
  by: 'apl-1',
}
