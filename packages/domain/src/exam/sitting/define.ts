import * as E from 'fp-ts/lib/Either.js'
import { type DomainError, domainError } from '../../kernel/errors.js'
import { bakuDateOf } from '../../kernel/time.js'
import { DEFAULT_BLUEPRINT } from '../blueprint.js'
import { checkForm, type FormMismatch } from '../form-check.js'
import type { GroupCode } from '../model.js'
import { OPEN_ANSWER_NORMALISATION } from '../normalise.js'
import type { DefineExam } from './commands.js'
import type { ExamContext } from './context.js'
import { ExamDefined, type ExamEvent } from './events.js'
import { sameData } from './same.js'
import type { ExamState } from './state.js'
import { DEFAULT_TIMING, sittingTimes, type Timing, timingProblems } from './timing.js'

type Decision = E.Either<DomainError, readonly ExamEvent[]>

const duplicates = (values: readonly string[]): string[] =>
  [...new Set(values.filter((value, index) => values.indexOf(value) !== index))].sort()

/** A form mismatch of a definition, with the form and group it belongs to. */
export type DefinitionMismatch = FormMismatch & { readonly formId: string; readonly group: GroupCode }

/** EXM-1: every mismatch of every form, form by form (one form per group). */
const formMismatchesOf = (command: DefineExam, context: ExamContext): DefinitionMismatch[] => {
  const blueprint = context.blueprint ?? DEFAULT_BLUEPRINT
  return command.forms.flatMap(({ form, key }) => {
    const checked = checkForm(form, key, blueprint)
    if (E.isRight(checked)) return []
    const at = { formId: form.formId, group: form.group }
    const listed = checked.left.details?.mismatches
    return Array.isArray(listed) && listed.length > 0
      ? (listed as FormMismatch[]).map((mismatch) => ({ ...at, ...mismatch }))
      : [{ ...at, rule: 'EXM-1' as const, kind: 'form', message: checked.left.message }]
  })
}

/**
 * Every problem of a definition at once, so the board fixes them in one go
 * (EXM-1 asks for every mismatch of a form; the same courtesy for the rest).
 */
const otherProblemsOf = (command: DefineExam, timing: Timing, context: ExamContext): string[] => [
  ...(command.startsAt.getTime() <= context.now.getTime()
    ? [`the start ${command.startsAt.toISOString()} is not in the future`]
    : []),
  ...(command.halls.length === 0 ? ['a sitting needs at least one hall'] : []),
  ...duplicates(command.halls.map((hall) => hall.hallId)).map((id) => `hall ${id} is listed twice`),
  ...(command.forms.length === 0 ? ['a sitting needs a form for at least one group'] : []),
  ...duplicates(command.forms.map(({ form }) => form.group)).map(
    (group) => `group ${group} has more than one form`,
  ),
  ...timingProblems(timing),
]

/**
 * The refusal: `exam.form_mismatch` with the structured `mismatches` (each
 * with its `formId` and `group`) when any form differs from its blueprint,
 * otherwise `exam.invalid_definition`. Either way `problems` has every
 * problem — mismatches and the rest — as sentences a person can act on.
 */
const refusalOf = (
  examId: string,
  mismatches: readonly DefinitionMismatch[],
  others: readonly string[],
): DomainError | undefined => {
  const problems = [...others, ...mismatches.map((m) => `form ${m.formId} (${m.group}): ${m.message}`)]
  if (problems.length === 0) return undefined
  const message = `The exam cannot be defined: ${problems.join('; ')}.`
  if (mismatches.length === 0) return domainError('exam.invalid_definition', message, { examId, problems })
  const groups = [...new Set(mismatches.map((m) => m.group))]
  return domainError('exam.form_mismatch', message, { examId, groups, mismatches, problems })
}

/** The board defines a sitting once; the same definition again is a retry and records nothing. */
export const defineExam = (command: DefineExam, state: ExamState, context: ExamContext): Decision => {
  const timing: Timing = { ...DEFAULT_TIMING, ...stripUndefined(command.timing) }
  const { type: _, timing: __, ...fields } = command
  const event: ExamDefined = {
    ...fields,
    type: 'ExamDefined',
    version: 2,
    blueprint: context.blueprint ?? DEFAULT_BLUEPRINT,
    openAnswerNormalisation: OPEN_ANSWER_NORMALISATION,
    date: bakuDateOf(command.startsAt),
    timing,
    definedAt: state.definition?.definedAt ?? context.now,
  }
  if (state.definition !== undefined)
    return sameDefinition(state.definition, event)
      ? E.right([])
      : E.left(
          domainError(
            'exam.already_defined',
            `Exam ${command.examId} is already defined; a sitting's definition cannot be changed, define a new sitting instead.`,
            { examId: command.examId },
          ),
        )
  const refusal = refusalOf(
    command.examId,
    formMismatchesOf(command, context),
    otherProblemsOf(command, timing, context),
  )
  if (refusal !== undefined) return E.left(refusal)
  const { registrationClosesAt } = sittingTimes(command.startsAt, timing)
  if (context.now.getTime() >= registrationClosesAt.getTime())
    return E.left(
      domainError(
        'exam.registration_already_closed',
        `Registration for a sitting starting at ${command.startsAt.toISOString()} closes at ${registrationClosesAt.toISOString()}, ` +
          `${timing.registrationClosesBeforeStartMinutes} minutes before the start; that has passed, so nobody could register. ` +
          'Define the sitting with a later start.',
        {
          examId: command.examId,
          startsAt: command.startsAt.toISOString(),
          registrationClosesAt: registrationClosesAt.toISOString(),
        },
      ),
    )
  return E.right([event])
}

const sameDefinition = (a: ExamDefined, b: ExamDefined): boolean =>
  sameData(ExamDefined.encode(a), ExamDefined.encode(b))

const stripUndefined = (partial: Partial<Timing>): Partial<Timing> =>
  Object.fromEntries(Object.entries(partial).filter(([, value]) => value !== undefined))
