import {
  CABINET_NUMBERS_STREAM_ID,
  CabinetEvent,
  type CabinetId,
  CabinetNumberAllocated,
  cabinetDecider,
  cabinetNumberAllocator,
  cabinetStreamId,
  type Decider,
  FinReservationEvent,
  finReservationDecider,
  finReservationStreamId,
  PaymentEvent,
  paymentDecider,
  RegistrationAttemptFailed,
  registrationAttemptsStreamId,
  TransferEvent,
  transferDecider,
  WalletEvent,
  walletDecider,
} from '@imtahan/domain'
import type { EventCodec } from '../../command/codec.js'

/**
 * One aggregate as the application stores it: its decider, its event codec
 * and how an id names its stream. No stream name holds personal data: cabinets
 * are UUIDs, a FIN appears only as its keyed fingerprint, a wallet is named
 * after the cabinet number (so a transfer needs no look-up to find it).
 */
export type Aggregate<Command, Event, State, Context> = {
  readonly decider: Decider<Command, Event, State, Context>
  readonly codec: EventCodec<Event>
  readonly streamOf: (id: string) => string
}

const aggregate = <Command, Event, State, Context>(
  decider: Decider<Command, Event, State, Context>,
  codec: EventCodec<Event>,
  streamOf: (id: string) => string,
): Aggregate<Command, Event, State, Context> => ({ decider, codec, streamOf })

export const WALLET_PREFIX = 'wallet-'
export const PAYMENT_PREFIX = 'payment-'
export const TRANSFER_PREFIX = 'transfer-'
export const CABINET_PREFIX = cabinetStreamId('' as CabinetId)

export const CABINET = aggregate(cabinetDecider, CabinetEvent, (id) => cabinetStreamId(id as CabinetId))
export const FIN_RESERVATION = aggregate(finReservationDecider, FinReservationEvent, finReservationStreamId)
export const NUMBER_ALLOCATOR = aggregate(
  cabinetNumberAllocator,
  CabinetNumberAllocated,
  () => CABINET_NUMBERS_STREAM_ID,
)
/** The wallet id is the cabinet number (WAL-1 opens `wallet-<cabinetNumber>`). */
export const WALLET = aggregate(walletDecider, WalletEvent, (walletId) => `${WALLET_PREFIX}${walletId}`)
export const PAYMENT = aggregate(paymentDecider, PaymentEvent, (code) => `${PAYMENT_PREFIX}${code}`)
export const TRANSFER = aggregate(transferDecider, TransferEvent, (id) => `${TRANSFER_PREFIX}${id}`)

/** Failed registry checks (CAB-1) are plain appends to their own stream; no decider guards them. */
export const REGISTRATION_ATTEMPTS = {
  codec: RegistrationAttemptFailed as EventCodec<RegistrationAttemptFailed>,
  streamOf: registrationAttemptsStreamId,
}
