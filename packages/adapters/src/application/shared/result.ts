import type { DomainError } from '@imtahan/domain'
import type { Either } from 'fp-ts/lib/Either.js'

/**
 * What every use case answers: a refusal is a `DomainError` value (`Left`),
 * never a thrown exception. Thrown errors mean infrastructure failures (the
 * store is down), which the HTTP layer turns into 500/503.
 */
export type Result<A> = Promise<Either<DomainError, A>>
