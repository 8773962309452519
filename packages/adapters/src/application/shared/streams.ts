import {
  AppealEvent,
  appealDecider,
  appealStreamId,
  CABINET_NUMBERS_STREAM_ID,
  CabinetEvent,
  type CabinetId,
  CabinetNumberAllocated,
  cabinetDecider,
  cabinetNumberAllocator,
  cabinetStreamId,
  type Decider,
  ExamEvent,
  examDecider,
  examSessionDecider,
  examStreamId,
  FinReservationEvent,
  finReservationDecider,
  finReservationStreamId,
  PaymentEvent,
  paymentDecider,
  RegistrationAttemptFailed,
  registrationAttemptsStreamId,
  SessionEvent,
  sessionStreamId,
  TransferEvent,
  transferDecider,
  WalletEvent,
  walletDecider,
} from '@imtahan/domain'
import { decodeRecorded, type EventCodec } from '../../command/codec.js'
import type { RecordedEvent } from '../../store/port.js'

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

/**
 * The exam aggregates: a sitting (`exam-<examId>`, board data and seats) and
 * a candidate's session (`examsession-<examId>.<cabinetId>`). Both prefixes
 * are also in the audit's catalog; `examsession-` is the longer one, so it
 * wins for session streams.
 */
export const EXAM_PREFIX = examStreamId('')
export const SESSION_PREFIX = sessionStreamId('')
export const EXAM = aggregate(examDecider, ExamEvent as EventCodec<ExamEvent>, examStreamId)
export const SESSION = aggregate(
  examSessionDecider,
  SessionEvent as EventCodec<SessionEvent>,
  sessionStreamId,
)

export const isExamStream = (streamId: string): boolean =>
  streamId.startsWith(EXAM_PREFIX) && !streamId.startsWith(SESSION_PREFIX)
export const isSessionStream = (streamId: string): boolean => streamId.startsWith(SESSION_PREFIX)

/**
 * The Appeal aggregate: `appeal-<appealId>`, with the derived id
 * `<sessionId>:appeal-<n>` (see the domain's ids.ts). The prefix is also in
 * the audit's catalog.
 */
export const APPEAL_PREFIX = appealStreamId('')
export const APPEAL = aggregate(appealDecider, AppealEvent as EventCodec<AppealEvent>, appealStreamId)
export const isAppealStream = (streamId: string): boolean => streamId.startsWith(APPEAL_PREFIX)

/** Any event of an aggregate the application runs processes over (event type names are unique across them). */
export type ApplicationEvent =
  | CabinetEvent
  | WalletEvent
  | PaymentEvent
  | TransferEvent
  | ExamEvent
  | SessionEvent
  | AppealEvent

/** Decodes a recorded event with the codec its stream names; `undefined` for streams no process watches. */
export const decodeByStream = (recorded: RecordedEvent): ApplicationEvent | undefined => {
  const { streamId } = recorded
  if (streamId.startsWith(CABINET_PREFIX)) return decodeRecorded(CABINET.codec, recorded)
  if (streamId.startsWith(WALLET_PREFIX)) return decodeRecorded(WALLET.codec, recorded)
  if (streamId.startsWith(PAYMENT_PREFIX)) return decodeRecorded(PAYMENT.codec, recorded)
  if (streamId.startsWith(TRANSFER_PREFIX)) return decodeRecorded(TRANSFER.codec, recorded)
  if (isSessionStream(streamId)) return decodeRecorded(SESSION.codec, recorded)
  if (isExamStream(streamId)) return decodeRecorded(EXAM.codec, recorded)
  if (isAppealStream(streamId)) return decodeRecorded(APPEAL.codec, recorded)
  return undefined
}
