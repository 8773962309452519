import { AppealEvent, appealDecider, appealStreamId } from '@imtahan/domain'
import type { EventCodec } from '../../command/codec.js'
import type { Aggregate } from '../shared/streams.js'

/**
 * The Appeal aggregate as the application stores it: `appeal-<appealId>`,
 * with the derived id `<sessionId>:appeal-<n>` (see the domain's ids.ts).
 * The prefix is also in the audit's catalog.
 */
export const APPEAL_PREFIX = appealStreamId('')

export const APPEAL: Aggregate<
  Parameters<typeof appealDecider.decide>[0],
  AppealEvent,
  typeof appealDecider.initialState,
  Parameters<typeof appealDecider.decide>[2]
> = { decider: appealDecider, codec: AppealEvent as EventCodec<AppealEvent>, streamOf: appealStreamId }

export const isAppealStream = (streamId: string): boolean => streamId.startsWith(APPEAL_PREFIX)
