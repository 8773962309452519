import { comparePositions, type Position, START } from '../store/port.js'
import type { DocumentWrite, KeyedDocument, ViewStore } from './store.js'

type Stored = { readonly doc: unknown; readonly lookup: string | undefined }

/** Documents as JSON text, so memory keeps exactly what SQL's jsonb would (no shared objects, no Dates). */
const copy = (doc: unknown): unknown => JSON.parse(JSON.stringify(doc))

/**
 * Views in memory, for tests and the memory store. A batch stages its writes
 * and applies them at once when it resolves, so a throw leaves nothing; one
 * batch or swap at a time stands in for SQL's row locks.
 */
export const createMemoryViewStore = (): ViewStore => {
  const actives = new Map<string, { generation: number; version: string }>()
  const generations = new Map<string, Map<string, Stored>>()
  const checkpoints = new Map<string, Position>()
  const at = (view: string, generation: number) => `${view}#${generation}`
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
      return stored === undefined ? undefined : copy(stored.doc)
    },
    byLookup: async (view, lookup) => {
      const found: KeyedDocument[] = []
      for (const [key, stored] of activeDocs(view))
        if (stored.lookup === lookup) found.push({ key, doc: copy(stored.doc) })
      return found.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    },
    active: async (view) => actives.get(view),
    checkpoint: async (view, generation) => checkpoints.get(at(view, generation)),
    startGeneration: (view, generation) =>
      exclusive(async () => {
        generations.set(at(view, generation), new Map())
        checkpoints.set(at(view, generation), START)
      }),
    batch: (view, generation, fn) =>
      exclusive(async () => {
        let staged: { documents: readonly DocumentWrite[]; checkpoint: Position } | undefined
        const result = await fn({
          checkpoint: async () => checkpoints.get(at(view, generation)),
          load: async (keys) => {
            const docs = documents(view, generation)
            const found = new Map<string, unknown>()
            for (const key of keys) {
              const stored = docs.get(key)
              if (stored !== undefined) found.set(key, copy(stored.doc))
            }
            return found
          },
          write: async (writes, checkpoint) => {
            staged = {
              documents: writes.map((w) => ({ ...w, doc: w.doc === undefined ? undefined : copy(w.doc) })),
              checkpoint,
            }
          },
        })
        // The commit: nothing above touched the maps, so a throw before here left them as they were.
        if (staged !== undefined) {
          const docs = documents(view, generation)
          for (const { key, doc, lookup } of staged.documents)
            if (doc === undefined) docs.delete(key)
            else docs.set(key, { doc, lookup })
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
          if (name.startsWith(`${view}#`) && name !== at(view, generation)) generations.delete(name)
        for (const name of [...checkpoints.keys()])
          if (name.startsWith(`${view}#`) && name !== at(view, generation)) checkpoints.delete(name)
        return true
      }),
  }
}
