import {
  domainError,
  Money,
  type RequestTransfer,
  type TransferEvent,
  type TransferFailed,
  type TransferState,
  type TransferStatus,
  transferDecider,
} from '@imtahan/domain'
import * as E from 'fp-ts/lib/Either.js'
import { conflictBackoffMs, pause } from '../../command/backoff.js'
import { deterministicUuid } from '../../ids.js'
import { ownCabinetId } from '../shared/cabinet-input.js'
import { loadCompletedCabinet, walletOwner } from '../shared/cabinet-reads.js'
import type { Call } from '../shared/caller.js'
import type { Env } from '../shared/env.js'
import type { FollowUps } from '../shared/process-registry.js'
import type { Result } from '../shared/result.js'
import { TRANSFER, WALLET } from '../shared/streams.js'
import type { TransferAnswer } from './api.js'
import type { TransferInput } from './inputs.js'

/** `sent` is still in flight for the caller: the answer says `requested` until it is settled. */
const answerStatus = (status: TransferStatus): TransferAnswer['status'] =>
  status === 'sent' ? 'requested' : status

/**
 * The transfer as its request left it: folded from the events the command
 * recorded, or — when it recorded none, a repeat of an accepted request —
 * read once from its stream (it may have settled since).
 */
const acceptedTransfer = async (
  env: Env,
  transferId: string,
  recorded: readonly TransferEvent[],
): Promise<TransferState & { readonly status: Exclude<TransferStatus, 'none'> }> => {
  const state =
    recorded.length > 0
      ? recorded.reduce(transferDecider.evolve, transferDecider.initialState)
      : (await env.load(TRANSFER, transferId)).state
  if (state.status === 'none') throw new Error('A transfer was accepted but its stream is empty')
  return state
}

/** Why the sender's wallet declined the debit, when it did. */
const failedFor = (events: readonly TransferEvent[]): string | undefined =>
  events.find((event): event is TransferFailed => event.type === 'TransferFailed')?.reason

/**
 * WAL-4: the refusal the caller hears does not depend on timing. The balance
 * read before the request may be stale under concurrent transfers, so the
 * wallet can still decline the debit (`TransferDebitDeclined` →
 * `TransferFailed`, recorded facts); the answer is then the same refusal
 * the request's own check gives, never a 201 with `failed`.
 */
const insufficientFunds = (balance: Money, amount: Money) =>
  E.left(
    domainError(
      'transfer.insufficient_funds',
      `The balance is ${Money.format(balance)} manat, less than ${Money.format(amount)}.`,
      { balance: Money.format(balance), amount: Money.format(amount) },
    ),
  )

/**
 * Rounds of follow-through before a transfer whose debit is still undecided
 * is answered `requested`: a debit deferred under contention (many
 * transfers from one wallet at once) is tried again, so whether the wallet
 * declines it is known before the caller is answered.
 */
const SETTLE_ROUNDS = 20

/**
 * Follows the transfer through (same derived ids each round, so a repeat
 * moves nothing twice) until the sender's wallet has decided the debit, or
 * the rounds run out: the events its marks recorded, and its state.
 */
const settle = async (
  env: Env,
  followUps: FollowUps,
  transferId: string,
  accepted: TransferState & { readonly status: Exclude<TransferStatus, 'none'> },
): Promise<{ readonly settled: TransferState; readonly marked: readonly TransferEvent[] }> => {
  for (let round = 1; ; round += 1) {
    const thisRound = await followUps.followThrough([accepted.request])
    const marks = thisRound.steps.filter(({ step }) => step.to === 'transfer' && step.streamId === transferId)
    // A mark that recorded nothing met a transfer the process runner had already moved on: then its stream answers.
    const marked =
      marks.length > 0 && marks.every(({ events }) => events.length > 0)
        ? marks.flatMap(({ events }) => events as readonly TransferEvent[])
        : (await env.load(TRANSFER, transferId)).events
    const settled = marked.reduce(transferDecider.evolve, accepted)
    // Only contention is worth another round; after a crash or a store failure the process runner finishes it.
    if (settled.status !== 'requested' || thisRound.stopped !== 'deferred' || round >= SETTLE_ROUNDS)
      return { settled, marked }
    await pause(conflictBackoffMs(round + 3))
  }
}

/**
 * WAL-4/WAL-5. The password is verified with the slow hash and the sender's
 * balance read here; the transfer's own stream decides (a refusal records
 * nothing), then the transfer process settles it at once. The transfer id is
 * derived from the idempotency key, so a retry after a lost answer finds the
 * same transfer and moves no money twice.
 */
export const transfer = async (
  env: Env,
  followUps: FollowUps,
  cabinetId: string,
  { toCabinetNumber, amount, password }: TransferInput,
  call: Call,
): Result<TransferAnswer> => {
  const own = ownCabinetId(cabinetId, call)
  if (E.isLeft(own)) return own
  const id = own.right
  const cabinet = await loadCompletedCabinet(env, id)
  if (E.isLeft(cabinet)) return cabinet
  const { cabinetNumber: from, passwordHash } = cabinet.right
  const passwordVerified =
    passwordHash !== undefined && (await env.passwordHasher.verify(password, passwordHash))
  const recipientOpen = (await walletOwner(env, toCabinetNumber)) !== undefined
  const sender = await env.load(WALLET, from)
  const transferId =
    call.idempotencyKey === undefined ? env.newId() : deterministicUuid(id, call.idempotencyKey)
  const command: RequestTransfer = {
    type: 'RequestTransfer',
    transferId,
    fromWalletId: from,
    fromCabinetNumber: from,
    toCabinetNumber,
    toWalletId: recipientOpen ? toCabinetNumber : undefined,
    amount,
    passwordVerified,
    requestedAt: env.clock.now(),
  }
  const context = { senderBalance: sender.state.balance }
  const requested = await env.run(TRANSFER, transferId, command, context, {
    call,
    commandId: `transfer:${transferId}:request`,
  })
  if (E.isLeft(requested)) return requested
  const accepted = await acceptedTransfer(env, transferId, requested.right.events)
  const { settled, marked } = await settle(env, followUps, transferId, accepted)
  const balance = (await env.load(WALLET, from)).state.balance
  env.logger?.info({ cabinetId: id, transferId, status: settled.status }, 'transfer')
  if (settled.status === 'failed' && failedFor(marked) === 'wallet.insufficient_funds')
    return insufficientFunds(balance, accepted.request.amount)
  return E.right({
    transferId,
    status: answerStatus(settled.status === 'none' ? 'requested' : settled.status),
    amount: Money.format(accepted.request.amount),
    toCabinetNumber: accepted.request.toCabinetNumber,
    balance: Money.format(balance),
  })
}
