import {
  type DocumentNumber,
  evolveUnclaimedPayments,
  initialUnclaimedPayments,
  type UnclaimedPayment,
  type UnclaimedPayments,
  unclaimedFor,
} from '@imtahan/domain'
import { decodeRecorded } from '../../command/codec.js'
import { readByLookup, type ViewDefinition } from '../../views/definition.js'
import { richJsonCodec } from '../../views/rich-json.js'
import { PAYMENT, PAYMENT_PREFIX } from '../shared/streams.js'
import type { Views } from '../shared/views.js'

/**
 * PAY-2 "method 1": payments not yet credited. One document per payment
 * code, each the domain's own fold (`evolveUnclaimedPayments`) over that
 * payment's events alone, found by the document number it was paid for;
 * once credited the document stays (the fold remembers the credit) but is
 * found by nothing.
 */
export const unclaimedPaymentsDefinition: ViewDefinition<UnclaimedPayments> = {
  name: 'unclaimed-payments',
  version: '1',
  keysOf: (event) => (event.streamId.startsWith(PAYMENT_PREFIX) ? [event.streamId] : []),
  apply: (doc, event) =>
    evolveUnclaimedPayments(doc ?? initialUnclaimedPayments, decodeRecorded(PAYMENT.codec, event)),
  lookupOf: (doc) => [...doc.pending.values()][0]?.documentNumber,
  codec: richJsonCodec<UnclaimedPayments>(),
}

export type UnclaimedPaymentsView = {
  /** Brings the view up to the end of the log, so a payment received a moment ago is listed. */
  readonly catchUp: () => Promise<void>
  readonly rowsFor: (documentNumbers: readonly DocumentNumber[]) => Promise<readonly UnclaimedPayment[]>
}

export const createUnclaimedPaymentsView = (views: Views): UnclaimedPaymentsView => ({
  catchUp: () => views.catchUp(unclaimedPaymentsDefinition),
  rowsFor: async (documentNumbers) => {
    const pending = new Map<UnclaimedPayment['paymentCode'], UnclaimedPayment>()
    for (const number of new Set(documentNumbers))
      for (const { doc } of await readByLookup(views.store, unclaimedPaymentsDefinition, number))
        for (const [code, payment] of doc.pending) pending.set(code, payment)
    return unclaimedFor({ ...initialUnclaimedPayments, pending }, documentNumbers)
  },
})
