import {
  type CabinetEventOf,
  type CabinetId,
  type CabinetNumber,
  cabinetDecider,
  cabinetNumberFor,
  type DomainError,
  domainError,
  numberOf,
} from '@imtahan/domain'
import * as E from 'fp-ts/lib/Either.js'
import { ownCabinetId } from '../shared/cabinet-input.js'
import { openCabinetOf } from '../shared/cabinet-reads.js'
import type { Call } from '../shared/caller.js'
import type { Env } from '../shared/env.js'
import type { FollowUps } from '../shared/process-registry.js'
import type { Result } from '../shared/result.js'
import { CABINET, FIN_RESERVATION, NUMBER_ALLOCATOR } from '../shared/streams.js'
import type { CabinetCompletedAnswer } from './api.js'
import type { PasswordInput } from './input.js'

/** CAB-7: the number for this cabinet; the allocator answers a retry with the number it gave before. */
const allocateNumber = async (
  env: Env,
  cabinetId: CabinetId,
): Promise<E.Either<DomainError, CabinetNumber>> => {
  // Every completion appends to this one stream, so it is the most contended: allow many re-decisions.
  const allocated = await env.run(NUMBER_ALLOCATOR, '', { type: 'Allocate', cabinetId }, undefined, {
    maxRetries: 100,
  })
  if (E.isLeft(allocated)) return allocated
  const fresh = allocated.right.events[0]?.cabinetNumber
  if (fresh !== undefined) return E.right(fresh)
  const known = numberOf((await env.load(NUMBER_ALLOCATOR, '')).state, cabinetId)
  if (known === undefined) throw new Error('The allocator answered without a number')
  return E.right(known)
}

/** WAL-1 and the answer: opens the wallet now (the process runner would too) and reports the number. */
const finishCompletion = async (
  env: Env,
  followUps: FollowUps,
  cabinetId: CabinetId,
): Result<CabinetCompletedAnswer> => {
  const { events } = await env.load(CABINET, cabinetId)
  const completed = events.find(
    (event): event is CabinetEventOf<'CabinetCompleted'> => event.type === 'CabinetCompleted',
  )
  if (completed === undefined) throw new Error('The cabinet was completed but has no CabinetCompleted event')
  await followUps.runFollowUps([completed])
  env.logger?.info({ cabinetId, cabinetNumber: completed.cabinetNumber }, 'cabinet completed')
  return E.right({ cabinetId, cabinetNumber: completed.cabinetNumber })
}

/** Only to let the decider judge the password policy before a number is spent. */
const PROBE_NUMBER = cabinetNumberFor(1)

/**
 * CAB-6/CAB-7/WAL-1, in an order that survives a crash at any point: policy
 * check → FIN reservation completed → number allocated (idempotent per cabinet)
 * → cabinet completed → wallet opened. Calling again with the same password
 * finishes whatever a crash left undone and gives the same number.
 */
export const completeRegistration = async (
  env: Env,
  followUps: FollowUps,
  cabinetId: string,
  input: PasswordInput,
  call: Call,
): Result<CabinetCompletedAnswer> => {
  const own = ownCabinetId(cabinetId, call)
  if (E.isLeft(own)) return own
  const id = own.right
  const { password } = input
  const cabinet = openCabinetOf((await env.load(CABINET, id)).state)
  if (E.isLeft(cabinet)) return cabinet
  const { overview, fin, passwordHash } = cabinet.right
  if (overview.stage === 'completed') {
    const same = passwordHash !== undefined && (await env.passwordHasher.verify(password, passwordHash))
    return same
      ? finishCompletion(env, followUps, id)
      : E.left(
          domainError(
            'cabinet.already_completed',
            'This cabinet is already complete; sign in with your cabinet number or FIN and password.',
          ),
        )
  }
  const context = env.cabinetContext()
  const probe = {
    type: 'CompleteRegistration' as const,
    password,
    passwordHash: '',
    cabinetNumber: PROBE_NUMBER,
  }
  const checked = cabinetDecider.decide(probe, cabinet.right, context)
  if (E.isLeft(checked)) return checked
  const hash = await env.passwordHasher.hash(password)
  const finContext = { now: context.now, holdSeconds: env.policy.finHoldSeconds }
  const marked = await env.run(
    FIN_RESERVATION,
    env.finFingerprint(fin),
    { type: 'MarkCompleted', cabinetId: id },
    finContext,
    { call },
  )
  if (E.isLeft(marked)) return marked
  const cabinetNumber = await allocateNumber(env, id)
  if (E.isLeft(cabinetNumber)) return cabinetNumber
  const command = {
    type: 'CompleteRegistration' as const,
    password,
    passwordHash: hash,
    cabinetNumber: cabinetNumber.right,
  }
  const completed = await env.run(CABINET, id, command, context, { call })
  if (E.isLeft(completed)) return completed
  // Nothing recorded: a concurrent call completed it first, so this password must match the one it stored.
  if (completed.right.events.length === 0) return completeRegistration(env, followUps, cabinetId, input, call)
  return finishCompletion(env, followUps, id)
}
