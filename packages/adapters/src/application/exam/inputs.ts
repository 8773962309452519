import { Label, SubgroupCode } from '@imtahan/domain'
import * as t from 'io-ts'

/*
 * The decoded inputs of the candidate's exam use cases, built from the
 * domain's codecs. The edges (HTTP, CLI) decode; the use cases take the types.
 */

/** EXM-10: one subgroup of the sitting. */
export const ExamRegistrationInput = t.type({ subgroup: SubgroupCode }, 'ExamRegistrationInput')
export type ExamRegistrationInput = t.TypeOf<typeof ExamRegistrationInput>

/** EXM-15: whether the answer fits the task (an option letter, a short open answer) is the decider's rule. */
export const AnswerInput = t.type({ answer: Label }, 'AnswerInput')
export type AnswerInput = t.TypeOf<typeof AnswerInput>

/** EXM-13 "Personala müraciət". */
export const StaffCallInput = t.type({ message: Label }, 'StaffCallInput')
export type StaffCallInput = t.TypeOf<typeof StaffCallInput>
