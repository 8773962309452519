import type { Clock, DevSmsSender, Imtahan, SignInSessions } from '@imtahan/adapters'
import type { SignInThrottle } from '../auth/lockout.js'
import type { RegistrationTokens } from '../auth/registration-tokens.js'
import type { AppContext } from '../context.js'
import type { RouteDefinition } from '../openapi/route.js'

/** What the route modules work with. */
export type RouteDeps = {
  readonly imtahan: Imtahan
  readonly sessions: SignInSessions
  readonly registrationTokens: RegistrationTokens
  readonly throttle: SignInThrottle
  /** The client's address for the per-address sign-in throttle (auth/client-address.ts). */
  readonly clientAddress: (c: AppContext) => string
  readonly clock: Clock
  readonly devSms: DevSmsSender | undefined
}

export type AddRoute = <P, Q, B, R>(definition: RouteDefinition<P, Q, B, R>) => void
