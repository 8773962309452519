import { Login } from '@imtahan/adapters'
import { domainError } from '@imtahan/domain'
import * as E from 'fp-ts/lib/Either.js'
import { canonicalLogin, type ThrottleSubject } from '../auth/lockout.js'
import { callOf } from '../context.js'
import { cabinetId, cabinetNumber, documented, instant, object, text } from '../openapi/codecs.js'
import type { AddRoute, RouteDeps } from './deps.js'

const login = documented(Login, {
  type: 'string',
  description: 'The 8-digit cabinet number or the FIN',
  example: '10000016',
})

/** Sign-in with back-off per login, logout, and password recovery (CAB-10). */
export const sessionRoutes = (
  add: AddRoute,
  { imtahan, sessions, throttle, clock, clientAddress }: RouteDeps,
) => {
  add({
    method: 'post',
    path: '/session',
    operationId: 'signIn',
    tag: 'Session',
    summary: 'Sign in with the cabinet number or FIN and the password',
    description:
      'Returns a bearer token. After 5 failed tries in a row a login is locked, first for 30 s, then twice as ' +
      'long after each further failure (at most 15 min): 429 with Retry-After. The login is counted as it ' +
      'resolves (spaces inside a cabinet number do not make another login). One client address may fail 20 ' +
      'times an hour across all logins before it is locked the same way (60 s, doubling).',
    guard: 'none',
    body: object('SignIn', { login, password: text('The password', 'Kitab2026yay') }),
    requestExample: { login: '10000016', password: 'Kitab2026yay' },
    success: {
      status: 201,
      description: 'Signed in',
      codec: object('SessionToken', {
        token: text('Send as "Authorization: Bearer <token>"', 'ims_…'),
        tokenType: text('Always Bearer', 'Bearer'),
        expiresAt: instant,
        cabinetId,
        cabinetNumber,
      }),
    },
    errors: ['auth.invalid_credentials', 'auth.too_many_attempts', 'validation.invalid_input'],
    handle: async ({ body, c }) => {
      const subjects: ThrottleSubject[] = [
        { kind: 'login', id: canonicalLogin(Login.encode(body.login)) },
        { kind: 'client', id: clientAddress(c) },
      ]
      const retryAfterSeconds = await throttle.retryAfterSeconds(subjects, clock.now())
      if (retryAfterSeconds > 0)
        return E.left(
          domainError(
            'auth.too_many_attempts',
            `Too many failed sign-ins; try again in ${retryAfterSeconds} s.`,
            {
              retryAfterSeconds,
            },
          ),
        )
      const answer = await imtahan.cabinets.authenticate(body, callOf(c))
      if (E.isLeft(answer)) {
        if (answer.left.code === 'auth.invalid_credentials') await throttle.failed(subjects, clock.now())
        return answer
      }
      await throttle.succeeded(subjects, clock.now())
      const { token, expiresAt } = await sessions.issue(answer.right.cabinetId)
      return E.right({ token, tokenType: 'Bearer', expiresAt, ...answer.right })
    },
  })

  add({
    method: 'delete',
    path: '/session',
    operationId: 'signOut',
    tag: 'Session',
    summary: 'Sign out: the token stops working at once',
    guard: 'session',
    success: { status: 204, description: 'Signed out' },
    errors: ['auth.unauthenticated'],
    handle: async ({ c }) => {
      const principal = c.get('principal')
      if (principal.kind === 'cabinet' && principal.token !== undefined)
        await sessions.revoke(principal.token)
      return E.right(undefined)
    },
  })

  add({
    method: 'post',
    path: '/password-recovery',
    operationId: 'requestPasswordRecovery',
    tag: 'Session',
    summary: 'Ask for a recovery code on the confirmed mobile number (CAB-10)',
    description: 'Answers the same whether or not the login exists, so it tells a stranger nothing.',
    guard: 'none',
    body: object('RecoveryRequest', { login }),
    requestExample: { login: '10000016' },
    success: {
      status: 202,
      description: 'If the login exists, a code was sent',
      codec: object('Accepted', {}),
    },
    errors: ['validation.invalid_input'],
    handle: async ({ body, c }) =>
      E.map(() => ({}))(await imtahan.cabinets.requestPasswordRecovery(body, callOf(c))),
  })

  add({
    method: 'post',
    path: '/password-recovery/confirmation',
    operationId: 'completePasswordRecovery',
    tag: 'Session',
    summary: 'Set a new password with the recovery code; every session of the cabinet ends (CAB-10)',
    guard: 'none',
    body: object('RecoveryConfirmation', {
      login,
      code: text('The 6-digit code from the SMS', '123456'),
      newPassword: text('The new password', 'Yeni2026parol'),
    }),
    requestExample: { login: '10000016', code: '123456', newPassword: 'Yeni2026parol' },
    success: { status: 204, description: 'The password is changed' },
    errors: ['otp.wrong_code', 'otp.expired', 'otp.no_code', 'otp.too_many_attempts', 'password.too_weak'],
    handle: async ({ body, c }) => {
      const done = await imtahan.cabinets.completePasswordRecovery(body, callOf(c))
      if (E.isLeft(done)) return done
      // Whoever knew the old password may still hold a session: end them all. The facade answers
      // recovery without naming the cabinet, so sign in once with the new password to learn it.
      const signedIn = await imtahan.cabinets.authenticate(
        { login: body.login, password: body.newPassword },
        callOf(c),
      )
      if (E.isRight(signedIn)) await sessions.revokeCabinet(signedIn.right.cabinetId)
      return E.right(undefined)
    },
  })
}
