import * as E from 'fp-ts/lib/Either.js'
import { type DomainError, domainError } from '../../kernel/errors.js'
import { bakuDateOf } from '../../kernel/time.js'
import { DEFAULT_BLUEPRINT } from '../blueprint.js'
import { checkForm } from '../form-check.js'
import type { DefineExam } from './commands.js'
import type { ExamContext } from './context.js'
import { ExamDefined, type ExamEvent } from './events.js'
import { sameData } from './same.js'
import type { ExamState } from './state.js'
import { DEFAULT_TIMING, type Timing, timingProblems } from './timing.js'

type Decision = E.Either<DomainError, readonly ExamEvent[]>

const duplicates = (values: readonly string[]): string[] =>
  [...new Set(values.filter((value, index) => values.indexOf(value) !== index))].sort()

/**
 * Every problem of a definition at once, so the board fixes them in one go
 * (EXM-1 asks for every mismatch of a form; the same courtesy for the rest).
 */
const problemsOf = (command: DefineExam, timing: Timing, context: ExamContext): string[] => {
  const blueprint = context.blueprint ?? DEFAULT_BLUEPRINT
  const formProblems = command.forms.flatMap(({ form, key }) => {
    const checked = checkForm(form, key, blueprint)
    if (E.isRight(checked)) return []
    const listed = checked.left.details?.mismatches
    return Array.isArray(listed) && listed.length > 0
      ? listed.map((mismatch) => `form ${form.formId} (${form.group}): ${describe(mismatch)}`)
      : [`form ${form.formId} (${form.group}): ${checked.left.message}`]
  })
  return [
    ...(command.startsAt.getTime() <= context.now.getTime()
      ? [`the start ${command.startsAt.toISOString()} is not in the future`]
      : []),
    ...(command.halls.length === 0 ? ['a sitting needs at least one hall'] : []),
    ...duplicates(command.halls.map((hall) => hall.hallId)).map((id) => `hall ${id} is listed twice`),
    ...(command.forms.length === 0 ? ['a sitting needs a form for at least one group'] : []),
    ...duplicates(command.forms.map(({ form }) => form.group)).map(
      (group) => `group ${group} has more than one form`,
    ),
    ...formProblems,
    ...timingProblems(timing),
  ]
}

const describe = (mismatch: unknown): string =>
  typeof mismatch === 'string'
    ? mismatch
    : typeof mismatch === 'object' && mismatch !== null && 'message' in mismatch
      ? String((mismatch as { message: unknown }).message)
      : JSON.stringify(mismatch)

/** The board defines a sitting once; the same definition again is a retry and records nothing. */
export const defineExam = (command: DefineExam, state: ExamState, context: ExamContext): Decision => {
  const timing: Timing = { ...DEFAULT_TIMING, ...stripUndefined(command.timing) }
  const { type: _, timing: __, ...fields } = command
  const event: ExamDefined = {
    ...fields,
    type: 'ExamDefined',
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
  const problems = problemsOf(command, timing, context)
  return problems.length > 0
    ? E.left(
        domainError('exam.invalid_definition', `The exam cannot be defined: ${problems.join('; ')}.`, {
          examId: command.examId,
          problems,
        }),
      )
    : E.right([event])
}

const sameDefinition = (a: ExamDefined, b: ExamDefined): boolean =>
  sameData(ExamDefined.encode(a), ExamDefined.encode(b))

const stripUndefined = (partial: Partial<Timing>): Partial<Timing> =>
  Object.fromEntries(Object.entries(partial).filter(([, value]) => value !== undefined))
