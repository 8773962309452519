import {
  Money,
  type RequestTransfer,
  type TransferEvent,
  type TransferState,
  type TransferStatus,
  transferDecider,
} from '@imtahan/domain'
import * as E from 'fp-ts/lib/Either.js'
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
  const marks = (await followUps.runFollowUps([accepted.request])).filter(
    ({ step }) => step.to === 'transfer' && step.streamId === transferId,
  )
  // A mark that recorded nothing met a transfer the process runner had already moved on: then its stream answers.
  const settled = marks.every(({ events }) => events.length > 0)
    ? marks
        .flatMap(({ events }) => events as readonly TransferEvent[])
        .reduce(transferDecider.evolve, accepted)
    : (await env.load(TRANSFER, transferId)).state
  const balance = (await env.load(WALLET, from)).state.balance
  env.logger?.info({ cabinetId: id, transferId, status: settled.status }, 'transfer')
  return E.right({
    transferId,
    status: answerStatus(settled.status === 'none' ? 'requested' : settled.status),
    amount: Money.format(accepted.request.amount),
    toCabinetNumber: accepted.request.toCabinetNumber,
    balance: Money.format(balance),
  })
}
