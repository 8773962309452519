import {
  type CabinetId,
  cabinetDecider,
  type DomainError,
  domainError,
  failedAttemptsSince,
  NO_CABINET,
  RegistryAnswer,
  registrationAttemptFailed,
  type StartRegistration,
} from '@imtahan/domain'
import * as E from 'fp-ts/lib/Either.js'
import { decodeRecorded, encodeEvent } from '../../command/codec.js'
import { deterministicUuid, IMTAHAN_NAMESPACE, randomId } from '../../ids.js'
import type { RegistryQuery } from '../../ports/registry.js'
import type { Call } from '../shared/caller.js'
import type { Env } from '../shared/env.js'
import type { Result } from '../shared/result.js'
import { CABINET, FIN_RESERVATION, REGISTRATION_ATTEMPTS } from '../shared/streams.js'
import type { RegistrationStarted } from './api.js'
import type { RegistrationInput } from './input.js'

/** The registry port speaks plain strings; the domain gets them decoded, with the FIN they were found for. */
export const askRegistry = async (
  env: Env,
  lookup: 'lookup' | 'lookupRenewal',
  query: RegistryQuery,
): Promise<RegistryAnswer> => {
  const answer = await env.registry[lookup](query)
  const decoded = RegistryAnswer.decode(
    answer.found ? { ...answer, person: { ...answer.person, fin: query.fin } } : answer,
  )
  if (E.isLeft(decoded)) throw new Error('The population registry answered with data that does not decode')
  return decoded.right
}

const tooManyAttempts = async (env: Env, fingerprint: string): Promise<DomainError | undefined> => {
  const { max, windowSeconds } = env.policy.registrationAttempts
  const recorded = await env.store.readStream(REGISTRATION_ATTEMPTS.streamOf(fingerprint))
  const attempts = recorded.map((event) => decodeRecorded(REGISTRATION_ATTEMPTS.codec, event))
  const since = new Date(env.clock.now().getTime() - windowSeconds * 1000)
  if (failedAttemptsSince(attempts, since) < max) return undefined
  return domainError(
    'cabinet.too_many_attempts',
    `Too many registrations for this FIN failed the registry check; try again after ${windowSeconds / 60} minutes.`,
    { windowSeconds },
  )
}

/** CAB-1: a failed registry check is recorded (without FIN or document) and answered. */
const recordFailedAttempt = async (env: Env, fingerprint: string, refusal: DomainError): Promise<void> => {
  const event = registrationAttemptFailed(fingerprint, refusal, env.clock.now())
  const encoded = encodeEvent(REGISTRATION_ATTEMPTS.codec, event)
  await env.store.appendToStream(
    REGISTRATION_ATTEMPTS.streamOf(fingerprint),
    [{ id: randomId(), ...encoded }],
    'any',
  )
}

/**
 * CAB-1/CAB-2/CAB-3. The registry check is decided first (nothing reserved on
 * a mismatch), then the FIN's reservation stream is appended with an expected
 * revision — of racing registrations exactly one holds the FIN — and only then
 * the cabinet's stream is started. With an idempotency key the cabinet id
 * derives from it, so a retry after a lost answer continues the same cabinet.
 */
export const startRegistration = async (
  env: Env,
  { document, fin }: RegistrationInput,
  call: Call,
): Result<RegistrationStarted> => {
  const fingerprint = env.finFingerprint(fin)
  const limited = await tooManyAttempts(env, fingerprint)
  if (limited !== undefined) return E.left(limited)
  const registry = await askRegistry(env, 'lookup', { series: document.series, number: document.number, fin })
  const cabinetId = (
    call.idempotencyKey === undefined
      ? env.newId()
      : deterministicUuid(IMTAHAN_NAMESPACE, `registration\n${fingerprint}\n${call.idempotencyKey}`)
  ) as CabinetId
  const command: StartRegistration = { type: 'StartRegistration', cabinetId, document, fin, registry }
  const context = env.cabinetContext()
  const probe = cabinetDecider.decide(command, NO_CABINET, context)
  if (E.isLeft(probe)) {
    await recordFailedAttempt(env, fingerprint, probe.left)
    return probe
  }
  const holdSeconds = env.policy.finHoldSeconds
  const reserved = await env.run(
    FIN_RESERVATION,
    fingerprint,
    { type: 'Reserve', cabinetId },
    { now: context.now, holdSeconds },
    { call },
  )
  if (E.isLeft(reserved)) return reserved
  const started = await env.run(CABINET, cabinetId, command, context, { call })
  if (E.isLeft(started)) return started
  env.logger?.info({ cabinetId }, 'registration started')
  const person = probe.right[0]?.type === 'RegistrationStarted' ? probe.right[0].person : undefined
  if (person === undefined) throw new Error('StartRegistration decided no RegistrationStarted')
  return E.right({ cabinetId, person })
}
