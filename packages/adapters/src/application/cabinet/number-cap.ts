import {
  type CabinetId,
  type CabinetState,
  checkCodeLimit,
  DEFAULT_CODE_LIMIT_POLICY,
  type DomainError,
  domainError,
} from '@imtahan/domain'
import * as E from 'fp-ts/lib/Either.js'
import type { BackoffPolicy } from '../../signin/login-throttle.js'

export {
  type CodesPerNumber,
  createCodesPerNumber,
  memoryCodesPerNumber,
} from '../shared/codes-per-number.js'

import type { Env } from '../shared/env.js'
import { CABINET } from '../shared/streams.js'

/**
 * N codes free (the cabinet policy's `codeLimit`), the N-th locks the number
 * for the window. Counted from the last code: a number sent a code at least
 * once a day keeps its count until a full window passes without one.
 */
const policyOf = (env: Env): BackoffPolicy => {
  const { maxPerWindow, windowSeconds } = env.policy.cabinet.codeLimit ?? DEFAULT_CODE_LIMIT_POLICY
  return {
    freeFailures: maxPerWindow,
    firstLockSeconds: windowSeconds,
    maxLockSeconds: windowSeconds,
    forgetAfterSeconds: windowSeconds,
  }
}

/**
 * Refuses with `otp.daily_limit_reached` (429) when `phone` had its codes for
 * the window. When the cabinet is past its own cap too, its refusal is the
 * answer (its `retryAt` counts from its oldest code, as CAB-5 says).
 */
export const checkNumberCap = async (
  env: Env,
  cabinetId: CabinetId,
  phone: string | undefined,
  loaded?: CabinetState,
): Promise<E.Either<DomainError, void>> => {
  if (phone === undefined) return E.right(undefined)
  const now = env.clock.now()
  const seconds = await env.codesPerNumber.counters.retryAfter(
    env.codesPerNumber.keyOf(phone),
    now,
    policyOf(env),
  )
  if (seconds <= 0) return E.right(undefined)
  const state = loaded ?? (await env.load(CABINET, cabinetId)).state
  if (state.stage === 'open') {
    const own = checkCodeLimit(env.cabinetContext(), state.codesSentAt ?? [], undefined)
    if (E.isLeft(own)) return own
  }
  const retryAt = new Date(now.getTime() + seconds * 1000).toISOString()
  return E.left(
    domainError(
      'otp.daily_limit_reached',
      `This number was sent its codes for the day; the next can be sent at ${retryAt}.`,
      { retryAt },
    ),
  )
}

/** `checkNumberCap` for a resend: the number is the one waiting for its code. */
export const checkPendingNumberCap = async (
  env: Env,
  cabinetId: CabinetId,
): Promise<E.Either<DomainError, void>> => {
  const { state } = await env.load(CABINET, cabinetId)
  return checkNumberCap(
    env,
    cabinetId,
    state.stage === 'open' ? state.phoneChallenge?.phone : undefined,
    state,
  )
}

/** One more code sent to `phone`. */
export const countCodeSent = (env: Env, phone: string): Promise<void> =>
  env.codesPerNumber.counters.failed(env.codesPerNumber.keyOf(phone), env.clock.now(), policyOf(env))
