import type { RecordedEvent } from '../store/port.js'

/**
 * A read model as one pure definition, stored by any `ViewStore`: a keyed set
 * of JSON documents, each folded from the events that name its key. The fold
 * is tested without a database; where the documents live is the adapter's
 * business (ARCHITECTURE: "Read models are projections").
 */
export type ViewDefinition<Doc> = {
  /** Names the view in storage and in `projectionStatus()`. */
  readonly name: string
  /**
   * The fold's version. A runner that finds another version active rebuilds
   * beside it and swaps, so changing a fold needs no manual migration.
   */
  readonly version: string
  /** Which documents an event touches; none for an event the view ignores. */
  readonly keysOf: (event: RecordedEvent) => readonly string[]
  /** The document after the event; `undefined` deletes it. Pure, and `Doc` must survive JSON. */
  readonly apply: (doc: Doc | undefined, event: RecordedEvent, key: string) => Doc | undefined
  /** An indexed secondary key, e.g. the owner's document number: `byLookup` finds documents by it. */
  readonly lookupOf?: (doc: Doc, key: string) => string | undefined
}

/** Any definition, whatever its document type: what runners and stores hold lists of. */
// biome-ignore lint/suspicious/noExplicitAny: the document type is the definition's own business
export type AnyViewDefinition = ViewDefinition<any>
