import * as E from 'fp-ts/lib/Either.js'
import { type DomainError, domainError } from '../../kernel/errors.js'
import type { ExamDefined } from './events.js'
import type { ExamState } from './state.js'
import { type SittingTimes, sittingTimes } from './timing.js'

/** The definition and its derived instants, or the refusal every command but DefineExam gives before it. */
export const defined = (
  state: ExamState,
  examId: string,
): E.Either<DomainError, { readonly definition: ExamDefined; readonly times: SittingTimes }> =>
  state.definition === undefined
    ? E.left(domainError('exam.not_defined', `Exam ${examId} has not been defined by the board.`, { examId }))
    : E.right({
        definition: state.definition,
        times: sittingTimes(state.definition.startsAt, state.definition.timing),
      })

/** Reviews, annulment decisions and publication come after the exam (booklet items 14, 15; EXM-21). */
export const afterTheExam = (times: SittingTimes, now: Date, what: string): E.Either<DomainError, void> =>
  now.getTime() < times.nominalEnd.getTime()
    ? E.left(
        domainError(
          'exam.not_ended',
          `${what} only after the exam has ended (${times.nominalEnd.toISOString()}).`,
          { endsAt: times.nominalEnd.toISOString() },
        ),
      )
    : E.right(undefined)
