import {
  CabinetNumber,
  Money,
  MoneyFromString,
  type RequestTransfer,
  type TransferStatus,
} from '@imtahan/domain'
import * as E from 'fp-ts/lib/Either.js'
import * as t from 'io-ts'
import { deterministicUuid } from '../../ids.js'
import { decodeCabinetInput } from '../cabinet/input.js'
import type { Call, Result, TransferAnswer } from '../shared/api.js'
import { loadCompletedCabinet, walletOwner } from '../shared/cabinet-reads.js'
import type { Env } from '../shared/env.js'
import { drive } from '../shared/process-registry.js'
import { TRANSFER, WALLET } from '../shared/streams.js'

const transferInput = decodeCabinetInput({
  toCabinetNumber: CabinetNumber,
  amount: MoneyFromString,
  password: t.string,
})

/** `sent` is still in flight for the caller: the answer says `requested` until it is settled. */
const answerStatus = (status: TransferStatus): TransferAnswer['status'] =>
  status === 'sent' ? 'requested' : status

/**
 * WAL-4/WAL-5. The password is verified with the slow hash and the sender's
 * balance read here; the transfer's own stream decides (a refusal records
 * nothing), then the transfer process settles it at once. The transfer id is
 * derived from the idempotency key, so a retry after a lost answer finds the
 * same transfer and moves no money twice.
 */
export const transfer = async (
  env: Env,
  cabinetId: string,
  raw: { toCabinetNumber: unknown; amount: unknown; password: unknown },
  call: Call,
): Result<TransferAnswer> => {
  const input = transferInput(cabinetId, raw, call)
  if (E.isLeft(input)) return input
  const { cabinetId: id, toCabinetNumber, amount, password } = input.right
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
  const accepted = (await env.load(TRANSFER, transferId)).state
  if (accepted.status === 'none') throw new Error('A transfer was accepted but its stream is empty')
  await drive(env, [{ kind: 'transfer', event: accepted.request }])
  const settled = (await env.load(TRANSFER, transferId)).state
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
