import type { Call, Logger } from '@imtahan/adapters'
import type { Context } from 'hono'

/** Who sent the request, as the auth middleware established it. */
export type Principal =
  | { readonly kind: 'anonymous' }
  /** Holder of a session token: the owner of one cabinet. */
  | { readonly kind: 'cabinet'; readonly cabinetId: string; readonly token: string }
  /** Holder of a registration token: someone between the first registration step and the password. */
  | { readonly kind: 'registration'; readonly cabinetId: string }
  | { readonly kind: 'payment_provider' }
  /** SPEC §5 examination board. */
  | { readonly kind: 'board' }
  /** SPEC §5 exam staff; `exams` when the key is scoped to sittings. */
  | { readonly kind: 'staff'; readonly exams?: readonly string[] }
  /** SPEC §5 appeals commission. */
  | { readonly kind: 'commission' }
  /** SPEC §5 auditor: reads every stream, writes nothing. */
  | { readonly kind: 'auditor' }

export type AppEnv = {
  Variables: {
    requestId: string
    principal: Principal
    /** The route pattern (`/accounts/me/transfers`), logged instead of the raw path. */
    route: string
    idempotencyKey: string | undefined
    logger: Logger
  }
}

export type AppContext = Context<AppEnv>

/** The principal's name in idempotency scopes: ids only, never personal data. */
export const principalName = (principal: Principal): string => {
  switch (principal.kind) {
    case 'cabinet':
      return `cabinet:${principal.cabinetId}`
    case 'registration':
      return `registration:${principal.cabinetId}`
    default:
      return principal.kind
  }
}

/** The facade's view of the request: actor, correlation id and idempotency key. */
export const callOf = (c: AppContext): Call => {
  const principal = c.get('principal')
  const key = c.get('idempotencyKey')
  const actor: Call['actor'] =
    principal.kind === 'cabinet'
      ? { kind: 'cabinet', cabinetId: principal.cabinetId }
      : principal.kind === 'payment_provider' || principal.kind === 'board' || principal.kind === 'commission'
        ? { kind: principal.kind }
        : principal.kind === 'staff'
          ? { kind: 'staff', ...(principal.exams === undefined ? {} : { exams: principal.exams }) }
          : { kind: 'anonymous' }
  return { actor, correlationId: c.get('requestId'), ...(key === undefined ? {} : { idempotencyKey: key }) }
}

/** The cabinet the token names; only called on routes guarded for it. */
export const ownCabinet = (c: AppContext): string => {
  const principal = c.get('principal')
  if (principal.kind === 'cabinet' || principal.kind === 'registration') return principal.cabinetId
  throw new Error(`route guarded wrongly: ${principal.kind} has no cabinet`)
}
