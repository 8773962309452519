import * as E from 'fp-ts/lib/Either.js'
import { type DomainError, domainError, type ErrorCode } from '../../kernel/errors.js'
import type { SessionEvent } from './events.js'

export type Decision = E.Either<DomainError, readonly SessionEvent[]>

export const refuse = (code: ErrorCode, message: string, details?: Record<string, unknown>): Decision =>
  E.left(domainError(code, message, details))

export const nothing: Decision = E.right([])

export const record = (...events: SessionEvent[]): Decision => E.right(events)
