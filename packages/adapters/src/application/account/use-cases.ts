import {
  type AccountStatement,
  type FeeChargeDeclined,
  feeDeclineError,
  type UnclaimedPayment,
  type WalletEvent,
} from '@imtahan/domain'
import * as E from 'fp-ts/lib/Either.js'
import { ownCabinetId } from '../shared/cabinet-input.js'
import { documentNumbersOf, loadCompletedCabinet, loadStatement } from '../shared/cabinet-reads.js'
import type { Call } from '../shared/caller.js'
import type { Env } from '../shared/env.js'
import type { FollowUps } from '../shared/process-registry.js'
import type { Result } from '../shared/result.js'
import { WALLET } from '../shared/streams.js'
import type { AccountUseCases } from './api.js'
import type { FeeInput } from './inputs.js'
import { creditPayment } from './payments.js'
import { transfer } from './transfers.js'
import type { UnclaimedPaymentsView } from './unclaimed-view.js'

const statement = async (env: Env, cabinetId: string, call: Call): Result<AccountStatement> => {
  const own = ownCabinetId(cabinetId, call)
  if (E.isLeft(own)) return own
  const cabinet = await loadCompletedCabinet(env, own.right)
  return E.isLeft(cabinet) ? cabinet : E.right(await loadStatement(env, cabinet.right.cabinetNumber))
}

/** PAY-2: the view is caught up first, so a payment received a moment ago is already listed. */
const unclaimedPayments = async (
  env: Env,
  view: UnclaimedPaymentsView,
  cabinetId: string,
  call: Call,
): Result<readonly UnclaimedPayment[]> => {
  const own = ownCabinetId(cabinetId, call)
  if (E.isLeft(own)) return own
  const cabinet = await loadCompletedCabinet(env, own.right)
  if (E.isLeft(cabinet)) return cabinet
  await view.catchUp()
  return E.right(await view.rowsFor(documentNumbersOf(cabinet.right.overview)))
}

/**
 * WAL-3: the wallet records a decline (`FeeChargeDeclined`) instead of
 * refusing, so the same charge id is never taken later; callers still hear
 * `wallet.insufficient_funds`, the first time and on every repeat.
 */
const declineOf = async (
  env: Env,
  walletId: string,
  chargeId: string,
  recorded: readonly WalletEvent[],
): Promise<FeeChargeDeclined | undefined> => {
  const isThisDecline = (event: WalletEvent): event is FeeChargeDeclined =>
    event.type === 'FeeChargeDeclined' && event.chargeId === chargeId
  if (recorded.length > 0) return recorded.find(isThisDecline)
  return (await env.load(WALLET, walletId)).events.find(isThisDecline)
}

/** WAL-3: the charge id is the wallet's idempotency key, so a repeated charge is answered, not taken twice. */
const chargeFee = async (
  env: Env,
  cabinetId: string,
  { chargeId, service, purpose, amount }: FeeInput,
  call: Call,
): Result<AccountStatement> => {
  const own = ownCabinetId(cabinetId, call)
  if (E.isLeft(own)) return own
  const id = own.right
  const cabinet = await loadCompletedCabinet(env, id)
  if (E.isLeft(cabinet)) return cabinet
  const walletId = cabinet.right.cabinetNumber
  const command = {
    type: 'ChargeFee' as const,
    walletId,
    chargeId,
    service,
    purpose,
    amount,
    at: env.clock.now(),
  }
  const charged = await env.run(WALLET, walletId, command, undefined, {
    call,
    commandId: `charge:${chargeId}`,
  })
  if (E.isLeft(charged)) return charged
  const declined = await declineOf(env, walletId, chargeId, charged.right.events)
  if (declined !== undefined) return E.left(feeDeclineError(declined))
  env.logger?.info({ cabinetId: id, chargeId }, 'fee charged')
  return E.right(await loadStatement(env, walletId))
}

export const accountUseCases = (
  env: Env,
  view: UnclaimedPaymentsView,
  followUps: FollowUps,
): AccountUseCases => ({
  statement: (cabinetId, call) => statement(env, cabinetId, call),
  unclaimedPayments: (cabinetId, call) => unclaimedPayments(env, view, cabinetId, call),
  creditPayment: (cabinetId, input, call) => creditPayment(env, followUps, cabinetId, input, call),
  chargeFee: (cabinetId, input, call) => chargeFee(env, cabinetId, input, call),
  transfer: (cabinetId, input, call) => transfer(env, followUps, cabinetId, input, call),
})
