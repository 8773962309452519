import type { Fin } from '../values/fin.js'
import type { OtpChallenge } from '../values/otp.js'
import type { PhoneNumber } from '../values/phone.js'
import type { CabinetDecision, CabinetEvent } from './events.js'
import type { CabinetContext } from './policy.js'
import { type CabinetOverview, evolveOverview } from './projection.js'

export type PhoneChallenge = OtpChallenge & { readonly phone: PhoneNumber }

/** A cabinet whose registration has started: the owner's view plus what only the decider may see. */
export type OpenCabinet = {
  readonly stage: 'open'
  readonly overview: CabinetOverview
  readonly fin: Fin
  readonly passwordHash?: string | undefined
  /** The code waiting for the pending number (CAB-5). */
  readonly phoneChallenge?: PhoneChallenge | undefined
  /** The code sent for password recovery (CAB-10). */
  readonly recoveryChallenge?: OtpChallenge | undefined
  /** When the latest codes (any purpose) were sent, oldest first: the daily cap counts them. */
  readonly codesSentAt?: readonly Date[]
}

export type CabinetState = { readonly stage: 'none' } | OpenCabinet

/** The decision for one kind of command. */
export type DecideCabinet<Command> = (
  command: Command,
  state: CabinetState,
  context: CabinetContext,
) => CabinetDecision

export const NO_CABINET: CabinetState = { stage: 'none' }

const oneMoreFailure = <C extends OtpChallenge>(challenge: C | undefined): C | undefined =>
  challenge === undefined ? undefined : { ...challenge, failedAttempts: challenge.failedAttempts + 1 }

/** Enough sends to judge any sane daily cap; older ones are dropped. */
const KEPT_SENDS = 50

const withSend = (cabinet: OpenCabinet, at: Date): OpenCabinet => ({
  ...cabinet,
  codesSentAt: [...(cabinet.codesSentAt ?? []), at].slice(-KEPT_SENDS),
})

export const evolveCabinet = (state: CabinetState, event: CabinetEvent): CabinetState => {
  const overview = evolveOverview(state.stage === 'open' ? state.overview : undefined, event)
  if (overview === undefined) return state
  if (event.type === 'RegistrationStarted') return { stage: 'open', overview, fin: event.fin }
  if (state.stage === 'none') return state
  const cabinet: OpenCabinet = { ...state, overview }
  switch (event.type) {
    case 'PhoneCodeIssued':
      return {
        ...withSend(cabinet, event.issuedAt),
        phoneChallenge: {
          phone: event.phone,
          codeHash: event.codeHash,
          issuedAt: event.issuedAt,
          failedAttempts: 0,
        },
      }
    case 'PhoneCodeRejected':
      return { ...cabinet, phoneChallenge: oneMoreFailure(cabinet.phoneChallenge) }
    case 'PhoneConfirmed':
    case 'PhoneChangeCancelled':
      return { ...cabinet, phoneChallenge: undefined }
    case 'CabinetCompleted':
      return { ...cabinet, passwordHash: event.passwordHash }
    // A new password makes an outstanding recovery code pointless, so it dies with the old password.
    case 'PasswordChanged':
      return { ...cabinet, passwordHash: event.passwordHash, recoveryChallenge: undefined }
    case 'PasswordRecoveryCodeIssued':
      return {
        ...withSend(cabinet, event.issuedAt),
        recoveryChallenge: { codeHash: event.codeHash, issuedAt: event.issuedAt, failedAttempts: 0 },
      }
    case 'PasswordRecoveryCodeRejected':
      return { ...cabinet, recoveryChallenge: oneMoreFailure(cabinet.recoveryChallenge) }
    case 'PasswordRecovered':
      return { ...cabinet, passwordHash: event.passwordHash, recoveryChallenge: undefined }
    default:
      return cabinet
  }
}
