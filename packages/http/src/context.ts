import { type Call, type Caller, type Logger, principalOf } from '@imtahan/adapters'
import type { Context } from 'hono'

export type AppEnv = {
  Variables: {
    requestId: string
    /** Who sent the request, as the auth middleware established it (anonymous until then). */
    principal: Caller
    /** The route pattern (`/accounts/me/transfers`), logged instead of the raw path. */
    route: string
    idempotencyKey: string | undefined
    logger: Logger
  }
}

export type AppContext = Context<AppEnv>

/**
 * The caller's name in idempotency scopes: ids only, never personal data.
 * It is the events' principal, except that a registration token holder gets
 * a scope of its own cabinet (two people mid-registration must not share
 * `anonymous` keys).
 */
export const principalName = (principal: Caller): string =>
  principal.kind === 'registration' ? `registration:${principal.cabinetId}` : principalOf(principal)

/** The facade's view of the request: the caller, correlation id and idempotency key. */
export const callOf = (c: AppContext): Call => {
  const key = c.get('idempotencyKey')
  return {
    caller: c.get('principal'),
    correlationId: c.get('requestId'),
    ...(key === undefined ? {} : { idempotencyKey: key }),
  }
}

/** The cabinet the token names; only called on routes guarded for it. */
export const ownCabinet = (c: AppContext): string => {
  const principal = c.get('principal')
  if (principal.kind === 'cabinet' || principal.kind === 'registration') return principal.cabinetId
  throw new Error(`route guarded wrongly: ${principal.kind} has no cabinet`)
}
