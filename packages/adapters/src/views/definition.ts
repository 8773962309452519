import type { RecordedEvent } from '../store/port.js'
import type { ViewStore } from './store.js'

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
  /**
   * How a document is stored, when `Doc` is not plain JSON (folded domain
   * state holds dates and maps: `richJsonCodec`). A batch decodes each
   * document it loads once and encodes it once, however many events touch it.
   */
  readonly codec?: { readonly encode: (doc: Doc) => unknown; readonly decode: (stored: unknown) => Doc }
}

const stored = <Doc>(definition: ViewDefinition<Doc>, value: unknown): Doc =>
  definition.codec === undefined ? (value as Doc) : definition.codec.decode(value)

/** One document of the active generation, decoded: how a use case reads a view. */
export const readDocument = async <Doc>(
  views: ViewStore,
  definition: ViewDefinition<Doc>,
  key: string,
): Promise<Doc | undefined> => {
  const found = await views.get(definition.name, key)
  return found === undefined || found === null ? undefined : stored(definition, found)
}

/** The documents whose lookup is `lookup`, decoded, in key order. */
export const readByLookup = async <Doc>(
  views: ViewStore,
  definition: ViewDefinition<Doc>,
  lookup: string,
): Promise<readonly { readonly key: string; readonly doc: Doc }[]> =>
  (await views.byLookup(definition.name, lookup)).map(({ key, doc }) => ({
    key,
    doc: stored(definition, doc),
  }))

/**
 * The same documents as `readByLookup`, `sizes(index)` at a time, page by
 * page in key order: a reader holds one page, never the whole lookup.
 */
export async function* readByLookupPages<Doc>(
  views: ViewStore,
  definition: ViewDefinition<Doc>,
  lookup: string,
  sizes: (index: number) => number,
): AsyncGenerator<readonly { readonly key: string; readonly doc: Doc }[]> {
  let after: string | undefined
  for (let index = 0; ; index++) {
    const limit = sizes(index)
    const page = await views.byLookup(
      definition.name,
      lookup,
      after === undefined ? { limit } : { after, limit },
    )
    if (page.length > 0) yield page.map(({ key, doc }) => ({ key, doc: stored(definition, doc) }))
    if (page.length < limit) return
    after = page.at(-1)!.key
  }
}

/** Any definition, whatever its document type: what runners and stores hold lists of. */
// biome-ignore lint/suspicious/noExplicitAny: the document type is the definition's own business
export type AnyViewDefinition = ViewDefinition<any>
