import {
  type DomainError,
  domainError,
  isDomainErrorCode,
  type SessionCommand,
  sessionIdOf,
} from '@imtahan/domain'
import * as E from 'fp-ts/lib/Either.js'
import { ownCabinetId } from '../shared/cabinet-input.js'
import { loadCompletedCabinet, loadStatement } from '../shared/cabinet-reads.js'
import type { Call } from '../shared/caller.js'
import type { FollowUps } from '../shared/process-registry.js'
import type { Result } from '../shared/result.js'
import type { RegistrationAnswer } from './api.js'
import { type ExamEnv, sittingOf } from './env.js'
import type { ExamRegistrationInput } from './inputs.js'
import { readRecent } from './rows.js'

/** A refused registration as the candidate hears it: the wallet's "no" reads as not enough money (EXM-10). */
const refusal = (reason: string): DomainError =>
  reason === 'wallet.insufficient_funds'
    ? domainError(
        'session.insufficient_funds',
        'The registration fee could not be charged: the balance is too low. Nothing was charged and the seat was released; top up and register again.',
      )
    : domainError(
        isDomainErrorCode(reason) ? reason : 'session.registration_refused',
        `The registration was refused (${reason}); nothing was charged.`,
        { reason },
      )

/**
 * EXM-10: request → seat (sitting) → fee (wallet, charge id
 * `examfee:<registrationId>`) → slip, driven to the end right away. The
 * balance read first gives a quick "not enough money"; the wallet's own
 * charge stays the authority (a decline is recorded, the seat released). A
 * step that fails now is finished by the process runner with the same ids:
 * the answer is then `pending`.
 */
export const registerForSitting = async (
  exam: ExamEnv,
  followUps: FollowUps,
  cabinetId: string,
  examId: string,
  { subgroup }: ExamRegistrationInput,
  call: Call,
): Result<RegistrationAnswer> => {
  const own = ownCabinetId(cabinetId, call)
  if (E.isLeft(own)) return own
  const cabinet = await loadCompletedCabinet(exam, own.right)
  if (E.isLeft(cabinet)) return cabinet
  const sitting = await sittingOf(exam, examId)
  if (E.isLeft(sitting)) return sitting
  const walletId = cabinet.right.cabinetNumber
  // The sitting was found under `examId` and the cabinet loaded, so every id here is a decoded one.
  const command: SessionCommand = {
    type: 'RequestRegistration',
    examId,
    cabinetId: own.right,
    walletId,
    subgroup,
  }
  const sessionId = sessionIdOf(examId, own.right)
  const balance = (await loadStatement(exam, walletId)).balance
  const requested = await exam.sessions.run(sessionId, {
    command,
    context: { now: exam.clock.now(), sitting: sitting.right.view, balance },
    call,
    ...(call.idempotencyKey === undefined ? {} : { commandId: `register:${call.idempotencyKey}` }),
  })
  if (E.isLeft(requested)) return requested
  await followUps.runFollowUps(requested.right.events)
  const { state } = await exam.sessions.load(sessionId)
  if (state.status === 'registered' && state.slip !== undefined)
    return E.right({ sessionId, status: 'registered', slip: state.slip })
  if (state.status === 'refused') return E.left(refusal(await refusalReason(exam, sessionId)))
  return E.right({ sessionId, status: 'pending' })
}

/** Why the latest attempt was refused: its `RegistrationRefused`, read from the end of the stream. */
const refusalReason = async (exam: ExamEnv, sessionId: string): Promise<string> => {
  const event = await readRecent(exam, sessionId, 'RegistrationRefused')
  return event?.type === 'RegistrationRefused' ? event.reason : 'session.registration_refused'
}
