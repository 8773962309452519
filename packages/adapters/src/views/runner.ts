import { checkPageAdvances } from '../store/page-progress.js'
import type { EventStore, Position, RecordedEvent } from '../store/port.js'
import { comparePositions } from '../store/port.js'
import type { AnyViewDefinition } from './definition.js'
import type { LogHead } from './log-head.js'
import { type DocumentWrite, ProjectionFencedError, type ViewStore } from './store.js'

export type ProjectionRunnerOptions = {
  readonly events: EventStore
  readonly views: ViewStore
  readonly log: LogHead
  readonly definitions: readonly AnyViewDefinition[]
  /** Events per transaction (default 500): bigger is faster, smaller holds locks for less time. */
  readonly batchSize?: number
}

export type ProjectionStatus = {
  readonly view: string
  /** `undefined` until the view has been built once. */
  readonly generation: number | undefined
  readonly version: string | undefined
  readonly checkpoint: Position | undefined
  readonly head: Position | undefined
  /** Events the view has yet to see: its lag. */
  readonly behind: number
}

export type CatchUpReport = { readonly view: string; readonly processed: number; readonly rebuilt: boolean }

const samePosition = (a: Position | undefined, b: Position | undefined) =>
  a === undefined || b === undefined ? a === b : comparePositions(a, b) === 0

/**
 * Folds one batch into documents: load each touched document once, apply
 * every event in order, write each touched document once. Pure apart from
 * the batch's own reads and writes, which all commit with the checkpoint.
 */
const foldBatch = async (
  definition: AnyViewDefinition,
  events: readonly RecordedEvent[],
  loaded: ReadonlyMap<string, unknown>,
): Promise<readonly DocumentWrite[]> => {
  const { codec } = definition
  const docs = new Map(
    codec === undefined ? loaded : [...loaded].map(([key, doc]) => [key, codec.decode(doc)] as const),
  )
  const touched = new Set<string>()
  for (const event of events)
    for (const key of definition.keysOf(event)) {
      docs.set(key, definition.apply(docs.get(key), event, key))
      touched.add(key)
    }
  return [...touched].map((key) => {
    const doc = docs.get(key)
    if (doc === undefined) return { key, doc, lookup: undefined }
    return {
      key,
      doc: codec === undefined ? doc : codec.encode(doc),
      lookup: definition.lookupOf?.(doc, key),
    }
  })
}

/**
 * Keeps persisted views up to date from the global log, one transaction per
 * batch: the documents a batch changes and the view's checkpoint commit
 * together, so a crash anywhere leaves the view exactly at a batch boundary
 * and the rerun applies each event's effect exactly once. A starting runner
 * reads only what follows the checkpoint. Run one per database at a time
 * (under a lease, runner/lease.ts); a second one is fenced off, not harmful.
 */
export const createProjectionRunner = (options: ProjectionRunnerOptions) => {
  const { events, views, log, definitions } = options
  const batchSize = options.batchSize ?? 500
  const byName = new Map(definitions.map((definition) => [definition.name, definition]))

  /** Brings one generation to the end of the log as it is now; returns the events applied. */
  const catchUpGeneration = async (definition: AnyViewDefinition, generation: number): Promise<number> => {
    let position = await views.checkpoint(definition.name, generation)
    let processed = 0
    for (;;) {
      const batch = await events.readAll({
        ...(position === undefined ? {} : { after: position }),
        maxCount: batchSize,
      })
      if (batch.length === 0) return processed
      checkPageAdvances(`view ${definition.name}`, batch, position)
      const expected = position
      await views.batch(definition.name, generation, async (tx) => {
        if (!samePosition(await tx.checkpoint(), expected))
          throw new ProjectionFencedError(definition.name, generation)
        const keys = [...new Set(batch.flatMap((event) => definition.keysOf(event)))]
        await tx.write(await foldBatch(definition, batch, await tx.load(keys)), batch.at(-1)!.position)
      })
      position = batch.at(-1)!.position
      processed += batch.length
      if (batch.length < batchSize) return processed
    }
  }

  /**
   * Builds the next generation from the start beside the live one, then swaps
   * it in with one transaction: readers see the old view, then the new one,
   * never a half-built one.
   */
  const rebuildView = async (definition: AnyViewDefinition, resume = false): Promise<number> => {
    const active = await views.active(definition.name)
    const generation = (active?.generation ?? 0) + 1
    // A build another process is part-way through is joined, not wiped: wiping it would fence that
    // builder, whose retry would wipe ours in turn. Batches are fenced, so two builders share the work.
    const started = resume && (await views.checkpoint(definition.name, generation)) !== undefined
    if (!started) await views.startGeneration(definition.name, generation)
    let processed = await catchUpGeneration(definition, generation)
    // Behind the live generation (someone advanced it meanwhile): catch up and try again.
    while (!(await views.activate(definition.name, generation, definition.version)))
      processed += await catchUpGeneration(definition, generation)
    return processed
  }

  const definitionOf = (name: string) => {
    const definition = byName.get(name)
    if (definition === undefined) throw new Error(`no view named ${name}`)
    return definition
  }

  const catchUpOne = async (definition: AnyViewDefinition): Promise<CatchUpReport> => {
    const active = await views.active(definition.name)
    const rebuilt = active === undefined || active.version !== definition.version
    const processed = rebuilt
      ? await rebuildView(definition, true)
      : await catchUpGeneration(definition, active.generation)
    return { view: definition.name, processed, rebuilt }
  }

  return {
    /** Every view to the end of the log; builds a view never built, or built by another fold version. */
    catchUp: async (): Promise<readonly CatchUpReport[]> => {
      const reports: CatchUpReport[] = []
      for (const definition of definitions) reports.push(await catchUpOne(definition))
      return reports
    },
    /** One view to the end of the log: what a use case that must see its own write waits for. */
    catchUpView: (name: string): Promise<CatchUpReport> => catchUpOne(definitionOf(name)),
    rebuild: (name: string): Promise<number> => rebuildView(definitionOf(name)),
    /** Per view: checkpoint, head of the log, events behind (counted up to `atMost` when given). */
    status: async (options: { readonly atMost?: number } = {}): Promise<readonly ProjectionStatus[]> => {
      const head = await log.head()
      return Promise.all(
        definitions.map(async (definition): Promise<ProjectionStatus> => {
          const active = await views.active(definition.name)
          const checkpoint =
            active === undefined ? undefined : await views.checkpoint(definition.name, active.generation)
          return {
            view: definition.name,
            generation: active?.generation,
            version: active?.version,
            checkpoint,
            head,
            behind: await log.countAfter(checkpoint, options.atMost),
          }
        }),
      )
    },
  }
}

export type ProjectionRunner = ReturnType<typeof createProjectionRunner>
