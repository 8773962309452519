import {
  type DocumentNumber,
  evolveUnclaimedPayments,
  initialUnclaimedPayments,
  type UnclaimedPayment,
  unclaimedFor,
} from '@imtahan/domain'
import { decodeRecorded } from '../../command/codec.js'
import { createMemoryCheckpointStore } from '../../runner/checkpoints.js'
import { catchUpProjection, runProjection } from '../../runner/projection.js'
import type { EventStore, RecordedEvent, Subscription } from '../../store/port.js'
import { serialised } from '../shared/serialised.js'
import { PAYMENT, PAYMENT_PREFIX } from '../shared/streams.js'

export type UnclaimedPaymentsView = {
  /** Brings the view up to the end of the log, so a payment received a moment ago is listed. */
  readonly catchUp: () => Promise<void>
  readonly follow: (onError: (error: unknown) => void) => Promise<Subscription>
  readonly rowsFor: (documentNumbers: readonly DocumentNumber[]) => readonly UnclaimedPayment[]
}

/**
 * PAY-2 "method 1": payments not yet credited, kept in memory and fed from
 * the global log. Its checkpoint lives in memory beside it on purpose: a
 * restarted process has an empty view and must replay, which a saved
 * checkpoint would prevent. The fold is idempotent, so the live runner and a
 * catch-up may both deliver an event.
 */
export const createUnclaimedPaymentsView = (store: EventStore): UnclaimedPaymentsView => {
  let view = initialUnclaimedPayments
  const options = {
    store,
    checkpoints: createMemoryCheckpointStore(),
    name: 'imtahan.view.unclaimed-payments',
    project: async (recorded: RecordedEvent) => {
      if (recorded.streamId.startsWith(PAYMENT_PREFIX))
        view = evolveUnclaimedPayments(view, decodeRecorded(PAYMENT.codec, recorded))
    },
  }
  const exclusive = serialised()
  return {
    catchUp: () => exclusive(async () => void (await catchUpProjection(options))),
    follow: (onError) => runProjection({ ...options, onError }),
    rowsFor: (documentNumbers) => unclaimedFor(view, documentNumbers),
  }
}
