import type { Position } from '../store/port.js'

/** One document's new state: `doc` undefined deletes it. */
export type DocumentWrite = {
  readonly key: string
  readonly doc: unknown
  readonly lookup: string | undefined
}

export type KeyedDocument = { readonly key: string; readonly doc: unknown }

/** One page of a lookup: the first `limit` documents whose key sorts after `after` (from the start if absent). */
export type LookupPage = { readonly after?: string; readonly limit: number }

/** The active generation of a view: what readers read. */
export type ActiveGeneration = { readonly generation: number; readonly version: string }

/** Everything one batch does, inside one transaction of the store. */
export interface ViewBatch {
  /** The generation's checkpoint, locked until the batch ends; `undefined` if the generation was dropped. */
  checkpoint(): Promise<Position | undefined>
  /** The current documents of `keys` in this generation (absent keys have none). */
  load(keys: readonly string[]): Promise<ReadonlyMap<string, unknown>>
  /** Writes the documents and moves the checkpoint, both committed with the batch or not at all. */
  write(documents: readonly DocumentWrite[], checkpoint: Position): Promise<void>
}

/**
 * Where persisted read models live. A view has generations; readers see only
 * the active one, so a generation being built beside it is invisible until
 * `activate` swaps it in, in one transaction.
 */
export interface ViewStore {
  get(view: string, key: string): Promise<unknown>
  /**
   * Documents of the active generation whose lookup column is `lookup`, by
   * key; with `page`, only the first `limit` of those whose key sorts after
   * `after` (a sitting's 100,000 results are read a page at a time).
   */
  byLookup(view: string, lookup: string, page?: LookupPage): Promise<readonly KeyedDocument[]>
  active(view: string): Promise<ActiveGeneration | undefined>
  checkpoint(view: string, generation: number): Promise<Position | undefined>
  /** Empties a generation and sets its checkpoint to the start: the first step of a (re)build. */
  startGeneration(view: string, generation: number): Promise<void>
  /** Runs `fn` in one transaction: all its writes commit together, or, if it throws, none. */
  batch<T>(view: string, generation: number, fn: (batch: ViewBatch) => Promise<T>): Promise<T>
  /**
   * Makes `generation` active and drops every other one, in one transaction —
   * unless its checkpoint is behind the active one's (then `false`: catch it up first).
   */
  activate(view: string, generation: number, version: string): Promise<boolean>
}

/** Thrown by a batch whose checkpoint moved since it read its events: another runner got there first. */
export class ProjectionFencedError extends Error {
  constructor(view: string, generation: number) {
    super(`view ${view} generation ${generation} was moved on by another runner`)
    this.name = 'ProjectionFencedError'
  }
}

export const checkpointName = (view: string, generation: number) => `view:${view}#${generation}`
