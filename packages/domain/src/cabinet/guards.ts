import * as E from 'fp-ts/lib/Either.js'
import { type DomainError, domainError } from '../kernel/errors.js'
import type { CabinetState, OpenCabinet } from './state.js'

/** Refusals for a command sent to a cabinet in the wrong stage; codes are stable for clients. */
export const notFound = (): DomainError =>
  domainError(
    'cabinet.not_found',
    'No registration was started for this cabinet; start with your identity document.',
  )

export const alreadyCompleted = (): DomainError =>
  domainError(
    'cabinet.already_completed',
    'This cabinet is already complete; sign in with your cabinet number or FIN and password.',
  )

const notCompleted = (): DomainError =>
  domainError(
    'cabinet.not_completed',
    'The registration is not finished yet; confirm your mobile number and set a password first.',
  )

/** Any cabinet whose registration has started. */
export const openCabinet = (state: CabinetState): E.Either<DomainError, OpenCabinet> =>
  state.stage === 'open' ? E.right(state) : E.left(notFound())

/** A cabinet still in registration (CAB-1…CAB-7). */
export const registeringCabinet = (state: CabinetState): E.Either<DomainError, OpenCabinet> =>
  E.chain((cabinet: OpenCabinet) =>
    cabinet.overview.stage === 'registering' ? E.right(cabinet) : E.left(alreadyCompleted()),
  )(openCabinet(state))

/** A completed cabinet (CAB-8…CAB-10). */
export const completedCabinet = (state: CabinetState): E.Either<DomainError, OpenCabinet> =>
  E.chain((cabinet: OpenCabinet) =>
    cabinet.overview.stage === 'completed' ? E.right(cabinet) : E.left(notCompleted()),
  )(openCabinet(state))
