import type { RecordedEvent } from '../store/port.js'
import type { ChainHead } from './check.js'
import type { Finding } from './finding.js'

/**
 * What an audit reads: the events in global order, and what else the place
 * they come from can offer (a count for the progress bar, the stream heads a
 * SQL store keeps, problems met while reading a file).
 */
export type AuditSource = {
  /** For the report: where the events came from; never a password. */
  readonly name: string
  readonly events: () => AsyncIterable<RecordedEvent>
  readonly total?: () => Promise<number | undefined>
  /** Read after the replay, so every event the heads account for has been seen. */
  readonly storedHeads?: () => Promise<ReadonlyMap<string, ChainHead>>
  /** Read after the replay. */
  readonly problems?: () => readonly Finding[]
}
