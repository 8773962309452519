import {
  cabinetIdOfSession,
  emptyServicesUsed,
  evolveServicesUsed,
  parseAppealId,
  SERVICES_USED_EVENT_TYPES,
  type ServicesUsed,
  type ServicesUsedEvent,
  type ServicesUsedState,
  servicesUsedOf,
} from '@imtahan/domain'
import * as E from 'fp-ts/lib/Either.js'
import { decodeRecorded } from '../../command/codec.js'
import type { RecordedEvent } from '../../store/port.js'
import { readDocument, type ViewDefinition } from '../../views/definition.js'
import { richJsonCodec } from '../../views/rich-json.js'
import { ownCabinetId } from '../shared/cabinet-input.js'
import type { Call } from '../shared/caller.js'
import type { Result } from '../shared/result.js'
import {
  APPEAL,
  APPEAL_PREFIX,
  isAppealStream,
  isSessionStream,
  SESSION,
  SESSION_PREFIX,
  WALLET,
  WALLET_PREFIX,
} from '../shared/streams.js'
import type { Views } from '../shared/views.js'

/*
 * CAB-11 "services used" as a persisted view: every document is the domain's
 * own fold (`evolveServicesUsed`). `cabinet:<cabinetId>` folds the cabinet's
 * session and appeal events (their stream ids name the cabinet) and learns
 * the wallet id from WalletOpened; `wallet:<walletId>` folds that wallet's
 * fees, because a FeeCharged names only its wallet and a view's routing sees
 * one event at a time. A read joins the two documents, nothing else: no
 * stream is read and nothing is held in a process's memory.
 */

const decode = (event: RecordedEvent): ServicesUsedEvent => {
  if (isSessionStream(event.streamId)) return decodeRecorded(SESSION.codec, event)
  if (isAppealStream(event.streamId)) return decodeRecorded(APPEAL.codec, event)
  return decodeRecorded(WALLET.codec, event)
}

const cabinetKey = (cabinetId: string) => `cabinet:${cabinetId.toLowerCase()}`

const keysOf = (event: RecordedEvent): readonly string[] => {
  const { streamId, type } = event
  if (!SERVICES_USED_EVENT_TYPES.has(type)) return []
  if (isSessionStream(streamId))
    return [cabinetKey(cabinetIdOfSession(streamId.slice(SESSION_PREFIX.length)))]
  if (isAppealStream(streamId)) {
    // An appeal's id names its session, whose id names the cabinet (appeal/ids.ts).
    const session = parseAppealId(streamId.slice(APPEAL_PREFIX.length))?.sessionId
    return session === undefined ? [] : [cabinetKey(cabinetIdOfSession(session))]
  }
  if (!streamId.startsWith(WALLET_PREFIX)) return []
  const wallet = `wallet:${streamId.slice(WALLET_PREFIX.length)}`
  if (type !== 'WalletOpened') return [wallet]
  const opened = decodeRecorded(WALLET.codec, event)
  return opened.type === 'WalletOpened' ? [cabinetKey(opened.cabinetId), wallet] : [wallet]
}

const apply = (
  doc: ServicesUsedState | undefined,
  event: RecordedEvent,
  key: string,
): ServicesUsedState | undefined => {
  const decoded = decode(event)
  if (key.startsWith('cabinet:'))
    return evolveServicesUsed(doc ?? emptyServicesUsed(key.slice('cabinet:'.length)), decoded)
  // A wallet's document starts with its WalletOpened, which names the cabinet the fees are listed for.
  const start = doc ?? (decoded.type === 'WalletOpened' ? emptyServicesUsed(decoded.cabinetId) : undefined)
  return start === undefined ? undefined : evolveServicesUsed(start, decoded)
}

export const servicesUsedDefinition: ViewDefinition<ServicesUsedState> = {
  name: 'services-used',
  version: '1',
  keysOf,
  apply,
  codec: richJsonCodec<ServicesUsedState>(),
}

/** The cabinet's services as of the end of the log (read-your-writes: the view is caught up first). */
export const readServicesUsed = async (views: Views, cabinetId: string): Promise<ServicesUsed> => {
  await views.catchUp(servicesUsedDefinition)
  const read = (key: string) => readDocument(views.store, servicesUsedDefinition, key)
  const cabinet = (await read(cabinetKey(cabinetId))) ?? emptyServicesUsed(cabinetId)
  const wallet = cabinet.walletId === undefined ? undefined : await read(`wallet:${cabinet.walletId}`)
  const fees = wallet?.cabinetId === cabinet.cabinetId ? wallet.fees : new Map()
  return servicesUsedOf({ ...cabinet, fees })
}

/** CAB-11 for the owner only: another cabinet's services are refused like any other cabinet action. */
export const servicesUsed = async (views: Views, cabinetId: string, call: Call): Result<ServicesUsed> => {
  const own = ownCabinetId(cabinetId, call)
  return E.isLeft(own) ? own : E.right(await readServicesUsed(views, own.right))
}
