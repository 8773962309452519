import {
  type AccountStatement,
  type CabinetId,
  type CabinetNumber,
  type CabinetOverview,
  type CabinetState,
  type DocumentNumber,
  type DomainError,
  domainError,
  type OpenCabinet,
  statementOf,
  WalletOpened,
} from '@imtahan/domain'
import * as E from 'fp-ts/lib/Either.js'
import { decodeRecorded } from '../../command/codec.js'
import type { Env } from './env.js'
import type { Result } from './result.js'
import { CABINET, WALLET } from './streams.js'

export const cabinetNotFound = (): DomainError =>
  domainError(
    'cabinet.not_found',
    'No cabinet with this id; start a registration with your identity document.',
  )

/** A completed cabinet: its state (with the secrets) and its number. */
export type CompletedCabinet = OpenCabinet & { readonly cabinetNumber: CabinetNumber }

export const openCabinetOf = (state: CabinetState): E.Either<DomainError, OpenCabinet> =>
  state.stage === 'open' ? E.right(state) : E.left(cabinetNotFound())

export const loadCompletedCabinet = async (env: Env, cabinetId: CabinetId): Result<CompletedCabinet> => {
  const { state } = await env.load(CABINET, cabinetId)
  return E.chain((cabinet: OpenCabinet) => {
    const { cabinetNumber } = cabinet.overview
    return cabinetNumber === undefined
      ? E.left(
          domainError(
            'cabinet.not_completed',
            'The registration is not finished yet; confirm your mobile number and set a password first.',
          ),
        )
      : E.right({ ...cabinet, cabinetNumber })
  })(openCabinetOf(state))
}

/** CAB-2/CAB-8/CAB-9: the owner's view, folded from the cabinet's stream. */
export const loadOverview = async (env: Env, cabinetId: CabinetId): Result<CabinetOverview> =>
  E.map((cabinet: OpenCabinet) => cabinet.overview)(openCabinetOf((await env.load(CABINET, cabinetId)).state))

/** WAL-2/WAL-3/CAB-11: the account page, folded from the wallet's stream. */
export const loadStatement = async (env: Env, walletId: string): Promise<AccountStatement> =>
  statementOf((await env.load(WALLET, walletId)).events)

/**
 * The cabinet whose account is `wallet-<number>`, if it is open: how a login
 * by number and a transfer's recipient are found without any index.
 */
export const walletOwner = async (env: Env, cabinetNumber: CabinetNumber): Promise<CabinetId | undefined> => {
  const [first] = await env.store.readStream(WALLET.streamOf(cabinetNumber), { maxCount: 1 })
  if (first?.type !== 'WalletOpened') return undefined
  return decodeRecorded(WalletOpened, first).cabinetId as CabinetId
}

/** PAY-2 looks for every document the owner has held, the renewed one and the old ones. */
export const documentNumbersOf = (overview: CabinetOverview): readonly DocumentNumber[] => [
  overview.documents.current.number,
  ...overview.documents.history.map((document) => document.number),
]
