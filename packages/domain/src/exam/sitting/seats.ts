import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import type { DomainError } from '../../kernel/errors.js'
import { domainError } from '../../kernel/errors.js'
import type { AllocateSeat, ReleaseSeat } from './commands.js'
import type { ExamContext } from './context.js'
import type { ExamEvent } from './events.js'
import { defined } from './guards.js'
import { type ExamState, seatView } from './state.js'

type Decision = E.Either<DomainError, readonly ExamEvent[]>

/** `<examId>-00042`: unique within the sitting because allocations are serialised by its stream. */
export const slipNumberOf = (examId: string, sequence: number): string =>
  `${examId}-${String(sequence).padStart(5, '0')}`

/**
 * EXM-10: seats are finite and this stream serialises who gets which, so two
 * candidates never share one. A refusal is recorded (not only returned) so a
 * redelivered request gets the same answer, and the registration process
 * learns of it from the log.
 */
export const allocateSeat = (command: AllocateSeat, state: ExamState, context: ExamContext): Decision =>
  pipe(
    defined(state, command.examId),
    E.chain(({ times }): Decision => {
      // The book is kept as the sitting evolves (state.ts): no rebuild, no scan from the first seat.
      const book = seatView(state)
      if (book.byRegistration.has(command.registrationId)) return E.right([])
      const base = {
        examId: command.examId,
        registrationId: command.registrationId,
        sessionId: command.sessionId,
        at: context.now,
      }
      const decline = (reason: string): Decision =>
        E.right([{ ...base, type: 'SeatAllocationDeclined', reason }])
      if (book.heldBySession.has(command.sessionId)) return decline('exam.already_holds_seat')
      if (context.now.getTime() >= times.registrationClosesAt.getTime())
        return decline('exam.registration_closed')
      // Halls in the order the board listed them, seats from 1: deterministic, so a replay allocates the same seat.
      const free = book.firstFree
      if (free === undefined) return decline('exam.seat_unavailable')
      return E.right([
        {
          ...base,
          type: 'SeatAllocated',
          hallId: free.hallId,
          seat: free.seat,
          slipNumber: slipNumberOf(command.examId, book.slipsIssued + 1),
        },
      ])
    }),
  )

/** The seat goes back to the pool; a second release of the same registration records nothing. */
export const releaseSeat = (command: ReleaseSeat, state: ExamState, context: ExamContext): Decision =>
  pipe(
    defined(state, command.examId),
    E.chain((): Decision => {
      const allocation = seatView(state).byRegistration.get(command.registrationId)
      if (allocation === undefined)
        return E.left(
          domainError(
            'exam.unknown_registration',
            `No seat was ever requested for ${command.registrationId}.`,
            {
              registrationId: command.registrationId,
            },
          ),
        )
      if (allocation.status !== 'held') return E.right([])
      const { hallId, seat, sessionId } = allocation.allocated
      return E.right([
        {
          type: 'SeatReleased',
          examId: command.examId,
          registrationId: command.registrationId,
          sessionId,
          hallId,
          seat,
          reason: command.reason,
          at: context.now,
        },
      ])
    }),
  )
