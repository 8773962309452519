import { type DomainError, domainError } from '@imtahan/domain'
import * as E from 'fp-ts/lib/Either.js'
import type { EventContext } from '../../store/port.js'

/**
 * Who is calling: set once at the edge (the HTTP auth middleware from the
 * bearer token or API key, the CLI, a process) and carried unchanged to the
 * `principal` of the events it records (`principalOf`).
 */
export type Caller =
  | { readonly kind: 'anonymous' }
  /**
   * The owner of one cabinet, signed in. `token` is the HTTP session token it
   * came with, kept only so sign-out can revoke it; it is never recorded.
   */
  | { readonly kind: 'cabinet'; readonly cabinetId: string; readonly token?: string }
  /** Someone between the first registration step and the password (a registration token). */
  | { readonly kind: 'registration'; readonly cabinetId: string }
  | { readonly kind: 'payment_provider' }
  /** The application itself: `process` (the process runner), `rescore`, … */
  | { readonly kind: 'system'; readonly name: string }
  /** RULES.md §5 examination board (API key). */
  | { readonly kind: 'board' }
  /** RULES.md §5 exam staff (API key), limited to `exams` when the key is scoped to sittings. */
  | { readonly kind: 'staff'; readonly exams?: readonly string[] }
  /** RULES.md §5 appeals commission (API key). */
  | { readonly kind: 'commission' }
  /** RULES.md §5 auditor (API key): reads every stream, writes nothing. */
  | { readonly kind: 'auditor' }

export type Call = {
  readonly caller: Caller
  /** Carried as correlation id into event metadata; the HTTP request id. */
  readonly correlationId?: string
  /**
   * Makes a money-moving call idempotent at the domain level (WAL-7 / PAY-4):
   * event ids and request ids derive from it, so a retry after a lost answer
   * records nothing twice.
   */
  readonly idempotencyKey?: string
}

export const systemCall = (name: string): Call => ({ caller: { kind: 'system', name } })

/**
 * How a caller is named in event metadata: ids only, never personal data.
 * A registration-token holder is recorded as `anonymous`, as it always has
 * been: stored events keep the names they were written with.
 */
export const principalOf = (caller: Caller): string => {
  switch (caller.kind) {
    case 'cabinet':
      return `cabinet:${caller.cabinetId}`
    case 'system':
      return `system:${caller.name}`
    case 'registration':
      return 'anonymous'
    default:
      return caller.kind
  }
}

/** The metadata of the events a call records; `causationId` names the event a process step follows. */
export const eventContextOf = (call: Call | undefined, causationId?: string): EventContext => ({
  ...(call === undefined ? {} : { principal: principalOf(call.caller) }),
  ...(call?.correlationId === undefined ? {} : { correlationId: call.correlationId }),
  ...(causationId === undefined ? {} : { causationId }),
})

/** A cabinet may act only on itself; other callers (registration, staff, system) are the edge's concern. */
export const checkActor = (call: Call, cabinetId: string): E.Either<DomainError, void> =>
  call.caller.kind === 'cabinet' && call.caller.cabinetId !== cabinetId.toLowerCase()
    ? E.left(domainError('auth.forbidden', 'You can act only on your own cabinet.'))
    : E.right(undefined)
