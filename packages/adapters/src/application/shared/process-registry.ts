import {
  type CabinetEvent,
  type PaymentEvent,
  type ProcessCommand,
  paymentProcess,
  processedKey,
  type ToWallet,
  type TransferEvent,
  toWallet,
  transferProcess,
  type WalletEvent,
} from '@imtahan/domain'
import * as E from 'fp-ts/lib/Either.js'
import { decodeRecorded } from '../../command/codec.js'
import type { RecordedEvent } from '../../store/port.js'
import type { Env } from './env.js'
import {
  CABINET,
  CABINET_PREFIX,
  PAYMENT,
  PAYMENT_PREFIX,
  TRANSFER,
  TRANSFER_PREFIX,
  WALLET,
  WALLET_PREFIX,
} from './streams.js'

/** A decoded event that may set a process going, tagged with its aggregate. */
export type Fact =
  | { readonly kind: 'cabinet'; readonly event: CabinetEvent }
  | { readonly kind: 'wallet'; readonly event: WalletEvent }
  | { readonly kind: 'payment'; readonly event: PaymentEvent }
  | { readonly kind: 'transfer'; readonly event: TransferEvent }

/** WAL-1: a completed cabinet gets its account, named after its number. */
export const walletOpeningProcess = (event: CabinetEvent): readonly ToWallet[] =>
  event.type === 'CabinetCompleted'
    ? [
        toWallet(`cabinet:${event.cabinetId}:open-wallet`, {
          type: 'OpenWallet',
          walletId: event.cabinetNumber,
          cabinetId: event.cabinetId,
          cabinetNumber: event.cabinetNumber,
          openedAt: event.completedAt,
        }),
      ]
    : []

/** Every process of the application in one reaction; the ids of its commands derive from the trigger. */
export const react = (fact: Fact): readonly ProcessCommand[] => {
  switch (fact.kind) {
    case 'cabinet':
      return walletOpeningProcess(fact.event)
    case 'payment':
      return paymentProcess(fact.event)
    default:
      return transferProcess(fact.event)
  }
}

/** The event types some process reacts to: nothing else in the log is even decoded. */
const TRIGGERS = new Set([
  'CabinetCompleted',
  'PaymentCredited',
  'TransferRequested',
  'TransferDebited',
  'TransferDebitDeclined',
  'TransferCredited',
  'TransferCreditDeclined',
  'TransferRefunded',
])

export const factOf = (recorded: RecordedEvent): Fact | undefined => {
  if (!TRIGGERS.has(recorded.type)) return undefined
  const { streamId } = recorded
  if (streamId.startsWith(CABINET_PREFIX))
    return { kind: 'cabinet', event: decodeRecorded(CABINET.codec, recorded) }
  if (streamId.startsWith(WALLET_PREFIX))
    return { kind: 'wallet', event: decodeRecorded(WALLET.codec, recorded) }
  if (streamId.startsWith(PAYMENT_PREFIX))
    return { kind: 'payment', event: decodeRecorded(PAYMENT.codec, recorded) }
  if (streamId.startsWith(TRANSFER_PREFIX))
    return { kind: 'transfer', event: decodeRecorded(TRANSFER.codec, recorded) }
  return undefined
}

/** A step the store could not settle yet (too much contention): retried later, never dropped. */
export class ProcessStepDeferredError extends Error {
  constructor(readonly step: string) {
    super(`A ${step} step met too many concurrent writers; it will be retried`)
    this.name = 'ProcessStepDeferredError'
  }
}

const PROCESS_RETRIES = 25

/** What the wallet had already recorded for a repeated command (same idempotency key), so a drive can go on. */
const earlierAnswer = async (env: Env, command: ToWallet): Promise<readonly WalletEvent[]> => {
  if (command.command.type === 'OpenWallet') return []
  const key = processedKey(command.command)
  const { events } = await env.load(WALLET, command.streamId)
  return events.filter((event) => event.type !== 'WalletOpened' && processedKey(event) === key)
}

/**
 * Carries out one process command with its derived id. A domain refusal is a
 * final answer (logged, never retried); contention is thrown so the step is
 * retried. With `answers`, returns the facts that answer the command — the
 * new events or, for a repeat, the ones recorded the first time.
 */
export const dispatch = async (
  env: Env,
  command: ProcessCommand,
  options: { readonly causationId?: string; readonly answers: boolean },
): Promise<readonly Fact[]> => {
  const run = { principal: 'system:process', commandId: command.commandId, maxRetries: PROCESS_RETRIES }
  const traced = options.causationId === undefined ? run : { ...run, causationId: options.causationId }
  const result =
    command.to === 'wallet'
      ? await env.run(WALLET, command.streamId, command.command, undefined, traced)
      : await env.run(TRANSFER, command.streamId, command.command, {}, traced)
  if (E.isLeft(result)) {
    if (result.left.code === 'command.concurrency_exhausted')
      throw new ProcessStepDeferredError(command.command.type)
    env.logger?.warn({ step: command.command.type, refusal: result.left.code }, 'process step refused')
    return []
  }
  if (command.to === 'transfer')
    return result.right.events.map((event) => ({ kind: 'transfer', event }) as Fact)
  const events = result.right.events as readonly WalletEvent[]
  const answered = events.length > 0 || !options.answers ? events : await earlierAnswer(env, command)
  return answered.map((event) => ({ kind: 'wallet', event }))
}

/** A safety bound: a transfer settles in at most five steps, so this is never reached by a healthy flow. */
const MAX_STEPS = 64

/**
 * Runs the processes set going by `triggers` to the end, right now, so the
 * caller sees the settled result. A failure (crash, store down) stops the
 * drive; the process runner over the log finishes the work with the same
 * derived ids, so nothing is done twice.
 */
export const drive = async (env: Env, triggers: readonly Fact[]): Promise<void> => {
  const queue = triggers.flatMap(react)
  try {
    for (let step = 0; step < MAX_STEPS && queue.length > 0; step++) {
      const command = queue.shift() as ProcessCommand
      for (const fact of await dispatch(env, command, { answers: true })) queue.push(...react(fact))
    }
  } catch (error) {
    const name = error instanceof Error ? error.name : typeof error
    env.logger?.warn({ error: name }, 'settling stopped early; the process runner will finish it')
  }
}
