import * as E from 'fp-ts/lib/Either.js'
import * as t from 'io-ts'
import type { Decider } from '../kernel/decider.js'
import { type DomainError, domainError } from '../kernel/errors.js'
import { Instant } from '../kernel/time.js'
import { CabinetId } from './person.js'

/**
 * CAB-3, one person one cabinet. One stream per FIN *fingerprint* (a keyed
 * hash the application computes; the domain sees an opaque key). Because the
 * store appends with an expected revision, two registrations racing for one
 * FIN cannot both reserve it: the loser re-decides on the winner's event.
 */
export const FinReserved = t.type(
  { type: t.literal('FinReserved'), cabinetId: CabinetId, reservedAt: Instant },
  'FinReserved',
)
/** A registration abandoned for longer than the hold gives the FIN to a new one. */
export const FinReservationReassigned = t.type(
  {
    type: t.literal('FinReservationReassigned'),
    cabinetId: CabinetId,
    previousCabinetId: CabinetId,
    reservedAt: Instant,
  },
  'FinReservationReassigned',
)
export const FinReservationCompleted = t.type(
  { type: t.literal('FinReservationCompleted'), cabinetId: CabinetId, completedAt: Instant },
  'FinReservationCompleted',
)
export const FinReservationEvent = t.union(
  [FinReserved, FinReservationReassigned, FinReservationCompleted],
  'FinReservationEvent',
)
export type FinReservationEvent = t.TypeOf<typeof FinReservationEvent>

export type FinReservationCommand =
  | { readonly type: 'Reserve'; readonly cabinetId: CabinetId }
  | { readonly type: 'MarkCompleted'; readonly cabinetId: CabinetId }

export type FinReservationState = {
  readonly holder?:
    | { readonly cabinetId: CabinetId; readonly reservedAt: Date; readonly completed: boolean }
    | undefined
}

/** How long an unfinished registration keeps the FIN (default 24 h). */
export type FinReservationContext = { readonly now: Date; readonly holdSeconds: number }
export const DEFAULT_FIN_HOLD_SECONDS = 24 * 60 * 60

const reserve = (cabinetId: CabinetId, state: FinReservationState, context: FinReservationContext) => {
  const { holder } = state
  const reservedAt = context.now
  if (holder === undefined) return E.right([{ type: 'FinReserved' as const, cabinetId, reservedAt }])
  if (holder.cabinetId === cabinetId) return E.right([])
  if (holder.completed)
    return E.left(
      domainError(
        'cabinet.already_exists',
        'A cabinet already exists for this FIN. If it is yours, restore access with "Forgot password": ' +
          'a code is sent to the cabinet’s confirmed mobile number.',
      ),
    )
  const freeAt = new Date(holder.reservedAt.getTime() + context.holdSeconds * 1000)
  if (context.now < freeAt)
    return E.left(
      domainError(
        'cabinet.registration_in_progress',
        `A registration for this FIN is already in progress; finish it, or start again after ${freeAt.toISOString()}.`,
        { retryAt: freeAt.toISOString() },
      ),
    )
  return E.right([
    { type: 'FinReservationReassigned' as const, cabinetId, previousCabinetId: holder.cabinetId, reservedAt },
  ])
}

const markCompleted = (cabinetId: CabinetId, state: FinReservationState, context: FinReservationContext) => {
  const { holder } = state
  if (holder === undefined || holder.cabinetId !== cabinetId)
    return E.left(
      domainError(
        'cabinet.fin_not_reserved',
        'This registration no longer holds the FIN (it was abandoned for too long); start a new registration.',
      ),
    )
  if (holder.completed) return E.right([])
  return E.right([{ type: 'FinReservationCompleted' as const, cabinetId, completedAt: context.now }])
}

export const finReservationDecider: Decider<
  FinReservationCommand,
  FinReservationEvent,
  FinReservationState,
  FinReservationContext
> = {
  initialState: {},
  decide: (command, state, context): E.Either<DomainError, readonly FinReservationEvent[]> =>
    command.type === 'Reserve'
      ? reserve(command.cabinetId, state, context)
      : markCompleted(command.cabinetId, state, context),
  evolve: (state, event) => {
    switch (event.type) {
      case 'FinReserved':
      case 'FinReservationReassigned':
        return { holder: { cabinetId: event.cabinetId, reservedAt: event.reservedAt, completed: false } }
      case 'FinReservationCompleted':
        return state.holder === undefined ? state : { holder: { ...state.holder, completed: true } }
    }
  },
}

/** The cabinet that holds the FIN (for sign-in and recovery by FIN), if any. */
export const finHolderOf = (state: FinReservationState): CabinetId | undefined => state.holder?.cabinetId
