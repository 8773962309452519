import {
  type BeginResult,
  DEFAULT_IDEMPOTENCY_POLICY,
  type IdempotencyKey,
  type IdempotencyPolicy,
  type IdempotencyRecord,
  type IdempotencyStore,
  judgeExisting,
  purgeSchedule,
} from './port.js'

const keyText = (key: IdempotencyKey) => `${key.scope}\n${key.key}`

/** In memory: for tests, the memory store and EventStoreDB deployments (keys are then lost on restart). */
export const createMemoryIdempotencyStore = (
  policy: IdempotencyPolicy = DEFAULT_IDEMPOTENCY_POLICY,
): IdempotencyStore => {
  const records = new Map<string, IdempotencyRecord>()
  const purge = async (before: Date) => {
    let purged = 0
    for (const [text, record] of records)
      if (record.createdAt < before) {
        records.delete(text)
        purged += 1
      }
    return purged
  }
  const purgeNow = purgeSchedule(policy, purge)
  return {
    begin: async (key, requestHash, now) => {
      purgeNow(now)
      const existing = records.get(keyText(key))
      const judged: BeginResult =
        existing === undefined ? { kind: 'started' } : judgeExisting(existing, requestHash, now, policy)
      if (judged.kind === 'started')
        records.set(keyText(key), { requestHash, outcome: undefined, createdAt: now, updatedAt: now })
      return judged
    },
    complete: async (key, requestHash, outcome, now) => {
      const existing = records.get(keyText(key))
      if (existing?.requestHash !== requestHash || existing.outcome !== undefined) return
      records.set(keyText(key), { ...existing, outcome, updatedAt: now })
    },
    heartbeat: async (key, requestHash, now) => {
      const existing = records.get(keyText(key))
      if (existing?.requestHash !== requestHash || existing.outcome !== undefined) return false
      if (now > existing.updatedAt) records.set(keyText(key), { ...existing, updatedAt: now })
      return true
    },
    abandon: async (key, requestHash) => {
      const existing = records.get(keyText(key))
      if (existing?.requestHash === requestHash && existing.outcome === undefined)
        records.delete(keyText(key))
    },
    purge,
  }
}
