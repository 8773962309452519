import {
  type PaymentEvent,
  paymentProcess,
  processedKey,
  type ToWallet,
  type TransferEvent,
  transferProcess,
  type WalletEvent,
} from '@imtahan/domain'
import * as E from 'fp-ts/lib/Either.js'
import type { Env } from '../shared/env.js'
import { type ProcessDefinition, type StepRunners, stepCommandOptions } from '../shared/process-registry.js'
import { TRANSFER, WALLET } from '../shared/streams.js'

/** PAY-4: a credited payment tops up the wallet it was credited to. */
export const paymentTopUp: ProcessDefinition = {
  name: 'payment top-up',
  triggers: new Set(['PaymentCredited']),
  stepsFor: (event) => paymentProcess(event as PaymentEvent),
}

/** WAL-5: request → debit → credit (or refund) → mark, each step on its own stream. */
export const transferSettlement: ProcessDefinition = {
  name: 'transfer settlement',
  triggers: new Set([
    'TransferRequested',
    'TransferDebited',
    'TransferDebitDeclined',
    'TransferCredited',
    'TransferCreditDeclined',
    'TransferRefunded',
  ]),
  stepsFor: (event) => transferProcess(event as WalletEvent | TransferEvent),
}

/** What the wallet had already recorded for a repeated command (same idempotency key), so a follow-through can go on. */
const earlierAnswer = async (env: Env, step: ToWallet): Promise<readonly WalletEvent[]> => {
  if (step.command.type === 'OpenWallet') return []
  const key = processedKey(step.command)
  const { events } = await env.load(WALLET, step.streamId)
  return events.filter((event) => event.type !== 'WalletOpened' && processedKey(event) === key)
}

/** The wallet and transfer steps of every process (the fee of an exam registration too). */
export const accountStepRunners = (env: Env): Pick<StepRunners, 'wallet' | 'transfer'> => ({
  wallet: async (step, options) => {
    const result = await env.run(
      WALLET,
      step.streamId,
      step.command,
      undefined,
      stepCommandOptions(step.commandId, options),
    )
    if (E.isLeft(result)) return result
    const { events } = result.right
    return E.right(events.length > 0 || !options.answers ? events : await earlierAnswer(env, step))
  },
  transfer: async (step, options) =>
    E.map((done: { readonly events: readonly TransferEvent[] }) => done.events)(
      await env.run(TRANSFER, step.streamId, step.command, {}, stepCommandOptions(step.commandId, options)),
    ),
})
