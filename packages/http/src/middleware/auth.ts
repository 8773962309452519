import { timingSafeEqual } from 'node:crypto'
import type { MiddlewareHandler } from 'hono'
import type { RegistrationTokens } from '../auth/registration-tokens.js'
import type { Sessions } from '../auth/sessions.js'
import type { AppEnv } from '../context.js'
import { refuse } from './errors.js'

/** Who may call a route: nobody in particular, a cabinet owner, a registration in progress, the provider. */
export type Guard = 'none' | 'session' | 'registration' | 'provider'

export const bearerOf = (header: string | undefined): string | undefined => {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '')
  return match?.[1]
}

const sameSecret = (given: string, expected: string): boolean => {
  const a = Buffer.from(given)
  const b = Buffer.from(expected)
  return a.length === b.length && timingSafeEqual(a, b)
}

export type GuardDeps = {
  readonly sessions: Sessions
  readonly registrationTokens: RegistrationTokens
  readonly providerKeys: readonly string[]
}

const unauthenticated = (message: string) => refuse('auth.unauthenticated', message)

/** The middleware for each guard; each sets `principal` or refuses with 401. */
export const guards = (deps: GuardDeps): Record<Guard, MiddlewareHandler<AppEnv>> => ({
  none: async (_c, next) => next(),
  session: async (c, next) => {
    const token = bearerOf(c.req.header('authorization'))
    const cabinetId = token === undefined ? undefined : deps.sessions.resolve(token)
    if (token === undefined || cabinetId === undefined)
      return unauthenticated(
        'Sign in first (POST /session) and send the token as "Authorization: Bearer <token>"; ' +
          'a token ends when it expires or on logout.',
      )
    c.set('principal', { kind: 'cabinet', cabinetId, token })
    await next()
  },
  registration: async (c, next) => {
    const token = bearerOf(c.req.header('authorization'))
    const cabinetId = token === undefined ? undefined : deps.registrationTokens.verify(token)
    if (cabinetId === undefined)
      return unauthenticated(
        'Send the registrationToken from POST /registration as "Authorization: Bearer ' +
          '<token>"; it is valid for a limited time — start again if it expired.',
      )
    c.set('principal', { kind: 'registration', cabinetId })
    await next()
  },
  provider: async (c, next) => {
    const key = c.req.header('x-api-key')
    if (key === undefined || !deps.providerKeys.some((expected) => sameSecret(key, expected)))
      return unauthenticated('The payment provider authenticates with its API key in the X-Api-Key header.')
    c.set('principal', { kind: 'payment_provider' })
    await next()
  },
})
