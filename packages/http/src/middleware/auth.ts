import { timingSafeEqual } from 'node:crypto'
import type { SignInSessions } from '@imtahan/adapters'
import type { MiddlewareHandler } from 'hono'
import type { RegistrationTokens } from '../auth/registration-tokens.js'
import type { AppEnv } from '../context.js'
import { refuse } from './errors.js'

/** Who may call a route: nobody in particular, a cabinet owner, a registration in progress, the provider. */
export type Guard =
  | 'none'
  | 'session'
  | 'registration'
  | 'provider'
  | 'board'
  | 'staff'
  | 'commission'
  | 'auditor'

export const bearerOf = (header: string | undefined): string | undefined => {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '')
  return match?.[1]
}

const sameSecret = (given: string, expected: string): boolean => {
  const a = Buffer.from(given)
  const b = Buffer.from(expected)
  return a.length === b.length && timingSafeEqual(a, b)
}

/**
 * The roles of SPEC §5 that are not cabinet owners: each authenticates with
 * an API key in `X-Api-Key`. A role with no key configured cannot sign in at
 * all. Adding a role's routes later is one guard below and one entry here.
 */
export const API_KEY_ROLES = ['payment_provider', 'staff', 'board', 'commission', 'auditor'] as const
export type ApiKeyRole = (typeof API_KEY_ROLES)[number]
export type ApiKeys = Readonly<Partial<Record<ApiKeyRole, readonly string[]>>>

export type GuardDeps = {
  readonly sessions: SignInSessions
  readonly registrationTokens: RegistrationTokens
  readonly apiKeys: ApiKeys
}

/** Whether `key` is one of `role`'s keys, compared in constant time. */
export const holdsRole = (apiKeys: ApiKeys, role: ApiKeyRole, key: string | undefined): boolean =>
  key !== undefined && (apiKeys[role] ?? []).some((expected) => sameSecret(key, expected))

const unauthenticated = (message: string) => refuse('auth.unauthenticated', message)

/** Whether `key` is a key of any role (staff keys by their secret). */
const holdsAnyRole = (apiKeys: ApiKeys, key: string | undefined): boolean =>
  API_KEY_ROLES.some((role) => role !== 'staff' && holdsRole(apiKeys, role, key)) ||
  staffHolding(apiKeys, key) !== undefined

/**
 * SPEC §5: the auditor reads every stream and writes nothing. Put in front of
 * every route that is not a GET, before its own guard, so an auditor's key is
 * refused with 403 on every write route — also on those that need no
 * authentication (registration, sign-in) — instead of being ignored.
 */
export const auditorReadsOnly =
  (apiKeys: ApiKeys): MiddlewareHandler<AppEnv> =>
  async (c, next) => {
    if (holdsRole(apiKeys, 'auditor', c.req.header('x-api-key')))
      return refuse('auth.read_only', 'The auditor reads every stream and writes nothing (SPEC §5).')
    await next()
  }

/**
 * SPEC §5 "staff … for the sittings they are assigned to": a staff key may
 * end in `@EXAM1+EXAM2` (`--api-key staff=<secret>@EXAM1+EXAM2`); the secret
 * is what is sent, the sittings are its scope. A key without `@` is unscoped.
 * `+` and not `,` separates sittings because the environment variable already
 * uses commas between keys.
 */
export const staffKeyOf = (
  configured: string,
): { readonly secret: string; readonly exams?: readonly string[] } => {
  const at = configured.lastIndexOf('@')
  if (at <= 0) return { secret: configured }
  const exams = configured
    .slice(at + 1)
    .split('+')
    .map((exam) => exam.trim())
    .filter((exam) => exam !== '')
  return exams.length === 0 ? { secret: configured } : { secret: configured.slice(0, at), exams }
}

/** The staff key that matches `key` (constant-time per key), with its scope. */
const staffHolding = (apiKeys: ApiKeys, key: string | undefined) =>
  key === undefined
    ? undefined
    : (apiKeys.staff ?? []).map(staffKeyOf).find((staff) => sameSecret(key, staff.secret))

/** The middleware for each guard; each sets `principal` or refuses with 401. */
export const guards = (deps: GuardDeps): Record<Guard, MiddlewareHandler<AppEnv>> => ({
  none: async (_c, next) => next(),
  session: async (c, next) => {
    const token = bearerOf(c.req.header('authorization'))
    const cabinetId = token === undefined ? undefined : await deps.sessions.resolve(token)
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
    if (!holdsRole(deps.apiKeys, 'payment_provider', c.req.header('x-api-key')))
      return unauthenticated('The payment provider authenticates with its API key in the X-Api-Key header.')
    c.set('principal', { kind: 'payment_provider' })
    await next()
  },
  board: async (c, next) => {
    if (!holdsRole(deps.apiKeys, 'board', c.req.header('x-api-key')))
      return unauthenticated('The examination board authenticates with its API key in the X-Api-Key header.')
    c.set('principal', { kind: 'board' })
    await next()
  },
  commission: async (c, next) => {
    if (!holdsRole(deps.apiKeys, 'commission', c.req.header('x-api-key')))
      return unauthenticated('The appeals commission authenticates with its API key in the X-Api-Key header.')
    c.set('principal', { kind: 'commission' })
    await next()
  },
  auditor: async (c, next) => {
    const key = c.req.header('x-api-key')
    if (!holdsRole(deps.apiKeys, 'auditor', key))
      return holdsAnyRole(deps.apiKeys, key)
        ? refuse(
            'auth.forbidden',
            'Only the auditor’s API key reads the log; this key belongs to another role.',
          )
        : unauthenticated('The auditor authenticates with its API key in the X-Api-Key header.')
    c.set('principal', { kind: 'auditor' })
    await next()
  },
  staff: async (c, next) => {
    const staff = staffHolding(deps.apiKeys, c.req.header('x-api-key'))
    if (staff === undefined)
      return unauthenticated('Exam staff authenticate with their API key in the X-Api-Key header.')
    c.set('principal', { kind: 'staff', ...(staff.exams === undefined ? {} : { exams: staff.exams }) })
    await next()
  },
})
