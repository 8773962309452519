import { comparePositions, type Position, START } from '../store/port.js'
import type { KeyedDocument, ViewStore } from './store.js'

/** Documents as JSON text, so memory keeps exactly what the SQL store keeps (no shared objects, no Dates). */
type Stored = { readonly text: string; readonly lookup: string | undefined }

const parse = (stored: Stored): unknown => JSON.parse(stored.text)

/**
 * Views in memory, for tests and the memory store. A batch stages its writes
 * and applies them at once when it resolves, so a throw leaves nothing; one
 * batch or swap at a time stands in for SQL's row locks.
 */
export const createMemoryViewStore = (): ViewStore => {
  const actives = new Map<string, { generation: number; version: string }>()
  const generations = new Map<string, Map<string, Stored>>()
  const checkpoints = new Map<string, Position>()
  /** Per generation, the keys under each lookup: `byLookup` reads one sitting's documents, not the view's. */
  const lookups = new Map<string, Map<string, Set<string>>>()
  const at = (view: string, generation: number) => `${view}#${generation}`
  const index = (name: string, lookup: string | undefined, key: string, add: boolean) => {
    if (lookup === undefined) return
    const byName = lookups.get(name) ?? new Map<string, Set<string>>()
    lookups.set(name, byName)
    const keys = byName.get(lookup) ?? new Set<string>()
    byName.set(lookup, keys)
    if (add) keys.add(key)
    else keys.delete(key)
  }
  const documents = (view: string, generation: number) => {
    const existing = generations.get(at(view, generation))
    if (existing !== undefined) return existing
    const created = new Map<string, Stored>()
    generations.set(at(view, generation), created)
    return created
  }
  let tail: Promise<unknown> = Promise.resolve()
  const exclusive = <T>(work: () => Promise<T>): Promise<T> => {
    const run = tail.then(work, work)
    tail = run.catch(() => {})
    return run
  }
  const activeDocs = (view: string) => {
    const active = actives.get(view)
    return active === undefined ? new Map<string, Stored>() : documents(view, active.generation)
  }

  return {
    get: async (view, key) => {
      const stored = activeDocs(view).get(key)
      return stored === undefined ? undefined : parse(stored)
    },
    byLookup: async (view, lookup, page) => {
      const active = actives.get(view)
      const docs = activeDocs(view)
      const listed = active === undefined ? undefined : lookups.get(at(view, active.generation))?.get(lookup)
      // By key in code-unit order (the SQL store pages in its column's collation; each agrees with itself).
      const keys = [...(listed ?? [])].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
      const after = page?.after
      const from = after === undefined ? 0 : keys.findIndex((key) => key > after)
      const chosen = from < 0 ? [] : keys.slice(from, page === undefined ? undefined : from + page.limit)
      return chosen.map((key): KeyedDocument => ({ key, doc: parse(docs.get(key)!) }))
    },
    active: async (view) => actives.get(view),
    checkpoint: async (view, generation) => checkpoints.get(at(view, generation)),
    startGeneration: (view, generation) =>
      exclusive(async () => {
        generations.set(at(view, generation), new Map())
        lookups.delete(at(view, generation))
        checkpoints.set(at(view, generation), START)
      }),
    batch: (view, generation, fn) =>
      exclusive(async () => {
        type Staged = {
          readonly key: string
          readonly text: string | undefined
          readonly lookup: string | undefined
        }
        let staged: { documents: readonly Staged[]; checkpoint: Position } | undefined
        const result = await fn({
          checkpoint: async () => checkpoints.get(at(view, generation)),
          load: async (keys) => {
            const docs = documents(view, generation)
            const found = new Map<string, unknown>()
            for (const key of keys) {
              const stored = docs.get(key)
              if (stored !== undefined) found.set(key, parse(stored))
            }
            return found
          },
          write: async (writes, checkpoint) => {
            staged = {
              documents: writes.map(({ key, doc, lookup }) => ({
                key,
                text: doc === undefined ? undefined : JSON.stringify(doc),
                lookup,
              })),
              checkpoint,
            }
          },
        })
        // The commit: nothing above touched the maps, so a throw before here left them as they were.
        if (staged !== undefined) {
          const docs = documents(view, generation)
          const name = at(view, generation)
          for (const { key, text, lookup } of staged.documents) {
            index(name, docs.get(key)?.lookup, key, false)
            if (text === undefined) docs.delete(key)
            else {
              docs.set(key, { text, lookup })
              index(name, lookup, key, true)
            }
          }
          checkpoints.set(at(view, generation), staged.checkpoint)
        }
        return result
      }),
    activate: (view, generation, version) =>
      exclusive(async () => {
        const active = actives.get(view)
        const mine = checkpoints.get(at(view, generation))
        if (mine === undefined) return false
        if (active !== undefined && active.generation !== generation) {
          const theirs = checkpoints.get(at(view, active.generation))
          if (theirs !== undefined && comparePositions(mine, theirs) < 0) return false
        }
        actives.set(view, { generation, version })
        for (const name of [...generations.keys()])
          if (name.startsWith(`${view}#`) && name !== at(view, generation)) {
            generations.delete(name)
            lookups.delete(name)
          }
        for (const name of [...checkpoints.keys()])
          if (name.startsWith(`${view}#`) && name !== at(view, generation)) checkpoints.delete(name)
        return true
      }),
  }
}
