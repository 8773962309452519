import { type CabinetId, type DomainError, domainError, finHolderOf, judgeOtp } from '@imtahan/domain'
import * as E from 'fp-ts/lib/Either.js'
import { randomId } from '../../ids.js'
import { type CompletedCabinet, loadCompletedCabinet, walletOwner } from '../shared/cabinet-reads.js'
import type { Call } from '../shared/caller.js'
import type { Env } from '../shared/env.js'
import type { Result } from '../shared/result.js'
import { FIN_RESERVATION } from '../shared/streams.js'
import type { LoginAnswer } from './api.js'
import { onCabinet } from './cabinet-command.js'
import { onCabinetWithCode } from './codes.js'
import type { Login, LoginInput, RecoveryConfirmation, RecoveryRequest } from './input.js'
import { checkNumberCap } from './number-cap.js'

/**
 * The cabinet a login names. By number: the wallet `wallet-<number>` opened
 * for it says which cabinet it belongs to. By FIN: its fingerprint's
 * reservation, once completed. No index of logins is needed.
 */
const cabinetOfLogin = async (env: Env, login: Login): Promise<CabinetId | undefined> => {
  if (login.kind === 'number') return walletOwner(env, login.number)
  const { state } = await env.load(FIN_RESERVATION, env.finFingerprint(login.fin))
  return state.holder?.completed ? finHolderOf(state) : undefined
}

const completedCabinetOfLogin = async (env: Env, login: Login): Promise<CompletedCabinet | undefined> => {
  const cabinetId = await cabinetOfLogin(env, login)
  if (cabinetId === undefined) return undefined
  const cabinet = await loadCompletedCabinet(env, cabinetId)
  return E.isRight(cabinet) ? cabinet.right : undefined
}

const invalidCredentials = (): DomainError =>
  domainError('auth.invalid_credentials', 'The cabinet number or FIN, or the password, is wrong.')

/**
 * Sign-in. An unknown login costs the same slow hash as a known one (against
 * a throw-away hash), so neither the answer nor its timing tells whether a
 * cabinet exists.
 */
export const authenticate = async (
  env: Env,
  { login, password }: LoginInput,
  _call: Call,
): Result<LoginAnswer> => {
  const cabinet = await completedCabinetOfLogin(env, login)
  const hash = cabinet?.passwordHash ?? (await decoyHash(env))
  const verified = await env.passwordHasher.verify(password, hash)
  if (cabinet === undefined || !verified) return E.left(invalidCredentials())
  return E.right({ cabinetId: cabinet.overview.cabinetId, cabinetNumber: cabinet.cabinetNumber })
}

const decoys = new WeakMap<Env, Promise<string>>()
const decoyHash = (env: Env): Promise<string> => {
  const known = decoys.get(env)
  if (known !== undefined) return known
  const made = env.passwordHasher.hash(randomId())
  decoys.set(env, made)
  return made
}

/**
 * CAB-10. The answer is the same whether or not the login exists, and
 * whether or not a code could be sent (too soon, no confirmed number): a
 * different answer would tell a stranger that a cabinet exists.
 */
export const requestPasswordRecovery = async (
  env: Env,
  { login }: RecoveryRequest,
  call: Call,
): Result<{ codeSentTo?: string }> => {
  const cabinet = await completedCabinetOfLogin(env, login)
  if (cabinet === undefined) return E.right({})
  const cabinetId = cabinet.overview.cabinetId
  const capped = await checkNumberCap(env, cabinetId, cabinet.overview.phone.confirmed)
  if (E.isLeft(capped)) {
    env.logger?.info({ cabinetId, refusal: capped.left.code }, 'password recovery code not sent')
    return E.right({})
  }
  const sent = await onCabinetWithCode(
    env,
    cabinetId,
    (codeHash) => ({ type: 'RequestPasswordRecovery', codeHash }),
    call,
  )
  if (E.isLeft(sent))
    env.logger?.info({ cabinetId, refusal: sent.left.code }, 'password recovery code not sent')
  return E.right({})
}

/** CAB-10: the code from the SMS and a new password; an unknown login is answered like "no code waiting". */
export const completePasswordRecovery = async (
  env: Env,
  { login, code, newPassword }: RecoveryConfirmation,
  call: Call,
): Result<void> => {
  const cabinet = await completedCabinetOfLogin(env, login)
  if (cabinet === undefined) {
    const { now, policy, verifyCode } = env.cabinetContext()
    return E.chain(() => E.left(invalidCredentials()))(judgeOtp(policy.otp, undefined, code, now, verifyCode))
  }
  const newPasswordHash = await env.passwordHasher.hash(newPassword)
  const command = {
    type: 'CompletePasswordRecovery' as const,
    code: code.trim(),
    newPassword,
    newPasswordHash,
  }
  return E.map(() => undefined)(await onCabinet(env, cabinet.overview.cabinetId, command, call))
}
