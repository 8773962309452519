import type { EventStore } from '../../store/port.js'
import type { AnyViewDefinition } from '../../views/definition.js'
import { type LogHead, scanningLogHead } from '../../views/log-head.js'
import { createMemoryViewStore } from '../../views/memory-store.js'
import { createProjectionRunner, type ProjectionRunner } from '../../views/runner.js'
import { ProjectionFencedError, type ViewStore } from '../../views/store.js'
import { serialised } from './serialised.js'

/** Where the read models live: the SQL store in the event store's database, or memory (the default). */
export type ReadModelStorage = { readonly store: ViewStore; readonly log: LogHead }

/** The application's persisted read models: their store, their one runner, and an on-demand catch-up. */
export type Views = {
  readonly store: ViewStore
  readonly runner: ProjectionRunner
  /**
   * Brings one view to the end of the log as it is now, so a use case sees
   * its own write (and the write of any process before it). The lease holder
   * (`followProjectionsUnderLease`) keeps views current anyway; this is for
   * read-your-writes, and is fenced like any runner, so it never applies an
   * event twice.
   */
  readonly catchUp: (definition: AnyViewDefinition) => Promise<void>
  /** Every view, one after another, each as `catchUp`: what `settle()` and the lease holder's loop run. */
  readonly catchUpAll: () => Promise<void>
}

/** Another runner moved the view on under us: its work is ours too, so read on from its checkpoint. */
const MAX_FENCED_RETRIES = 10

export const createViews = (
  events: EventStore,
  definitions: readonly AnyViewDefinition[],
  storage: ReadModelStorage = { store: createMemoryViewStore(), log: scanningLogHead(events) },
): Views => {
  const runner = createProjectionRunner({ events, views: storage.store, log: storage.log, definitions })
  // One catch-up per view at a time in this process: concurrent readers queue instead of fencing each other.
  const gates = new Map(definitions.map((definition) => [definition.name, serialised()]))
  const catchUp = async (definition: AnyViewDefinition) => {
    const gate = gates.get(definition.name)
    if (gate === undefined) throw new Error(`view ${definition.name} is not registered`)
    await gate(async () => {
      for (let attempt = 0; ; attempt++) {
        try {
          await runner.catchUpView(definition.name)
          return
        } catch (error) {
          if (!(error instanceof ProjectionFencedError) || attempt >= MAX_FENCED_RETRIES) throw error
        }
      }
    })
  }
  return {
    store: storage.store,
    runner,
    catchUp,
    catchUpAll: async () => {
      for (const definition of definitions) await catchUp(definition)
    },
  }
}
