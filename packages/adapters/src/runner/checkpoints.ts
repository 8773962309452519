import type { Position } from '../store/port.js'

/**
 * Where each runner (projection or process) got to in the global log. A
 * runner saves after it has handled an event, so after a crash it resumes at
 * or before the last handled event: delivery is at-least-once and handlers
 * must be idempotent.
 */
export interface CheckpointStore {
  /** `undefined` when the runner has never saved: start from the beginning. */
  load(name: string): Promise<Position | undefined>
  save(name: string, position: Position): Promise<void>
}

export const createMemoryCheckpointStore = (): CheckpointStore => {
  const saved = new Map<string, Position>()
  return {
    load: async (name) => saved.get(name),
    save: async (name, position) => {
      saved.set(name, position)
    },
  }
}
