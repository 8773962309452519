import type { AccountStatement, CreditPayment } from '@imtahan/domain'
import * as E from 'fp-ts/lib/Either.js'
import { deterministicUuid } from '../../ids.js'
import { ownCabinetId } from '../shared/cabinet-input.js'
import { documentNumbersOf, loadCompletedCabinet, loadStatement } from '../shared/cabinet-reads.js'
import type { Call } from '../shared/caller.js'
import type { Env } from '../shared/env.js'
import type { FollowUps } from '../shared/process-registry.js'
import type { Result } from '../shared/result.js'
import { PAYMENT } from '../shared/streams.js'
import type { PaymentUseCases } from './api.js'
import type { CreditInput, PaymentNotice } from './inputs.js'

/** PAY-1: one stream per payment code; a redelivery with the same data is answered, not recorded again. */
const receive = async (
  env: Env,
  notice: PaymentNotice,
  call: Call,
): Result<{ paymentCode: string; status: 'received' | 'already_received' }> => {
  const { paymentCode } = notice
  const command = { type: 'ReceivePayment' as const, ...notice }
  const received = await env.run(PAYMENT, paymentCode, command, undefined, {
    call,
    commandId: `payment:${paymentCode}:receive`,
  })
  if (E.isLeft(received)) return received
  const status = received.right.events.length > 0 ? 'received' : 'already_received'
  // The code is a bearer secret until credited (PAY-3), so it stays out of the log.
  env.logger?.info({ status }, 'payment notice')
  return E.right({ paymentCode, status })
}

export const paymentUseCases = (env: Env): PaymentUseCases => ({
  receive: (notice, call) => receive(env, notice, call),
})

/**
 * PAY-2/PAY-3/PAY-4: the payment's own stream decides, appended with an
 * expected revision, so of two racing credits exactly one lands. The top-up
 * of the wallet follows at once (and again from the process runner after a
 * crash, with the same derived id). The request id comes from the
 * idempotency key, so a retry of this request is answered as a success.
 */
export const creditPayment = async (
  env: Env,
  followUps: FollowUps,
  cabinetId: string,
  { paymentCode, method }: CreditInput,
  call: Call,
): Result<AccountStatement> => {
  const own = ownCabinetId(cabinetId, call)
  if (E.isLeft(own)) return own
  const id = own.right
  const cabinet = await loadCompletedCabinet(env, id)
  if (E.isLeft(cabinet)) return cabinet
  const walletId = cabinet.right.cabinetNumber
  const requestId =
    call.idempotencyKey === undefined ? env.newId() : deterministicUuid(id, call.idempotencyKey)
  const base = {
    type: 'CreditPayment' as const,
    paymentCode,
    walletId,
    requestId,
    creditedAt: env.clock.now(),
  }
  const command: CreditPayment =
    method === 'listed'
      ? { ...base, method, ownerDocumentNumbers: documentNumbersOf(cabinet.right.overview) }
      : { ...base, method }
  const credited = await env.run(PAYMENT, paymentCode, command, undefined, {
    call,
    commandId: `payment:${paymentCode}:credit:${requestId}`,
  })
  if (E.isLeft(credited)) return credited
  const { state } = await env.load(PAYMENT, paymentCode)
  if (state.credited?.walletId === walletId) await followUps.runFollowUps([state.credited])
  env.logger?.info({ cabinetId: id, method }, 'payment credited')
  return E.right(await loadStatement(env, walletId))
}
