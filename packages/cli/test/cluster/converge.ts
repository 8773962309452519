import {
  createMemoryViewStore,
  createProjectionRunner,
  createSqlEventStore,
  createSqlViewStore,
  type SqlClient,
  scanningLogHead,
  VIEW_DEFINITIONS,
} from '@imtahan/adapters'
import { call } from './http.js'

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Waits until `/health/ready` of `url` reports every runner and view at lag 0; the lags last seen. */
export const waitForNoLag = async (url: string, withinMs: number) => {
  const deadline = Date.now() + withinMs
  let lags: Record<string, number> = {}
  for (;;) {
    const ready = await call(url, 'GET', '/health/ready').catch(() => undefined)
    lags = ready?.json?.lags ?? {}
    if (
      ready?.status === 200 &&
      Object.values(lags).every((lag) => lag === 0) &&
      Object.keys(lags).length > 1
    )
      return lags
    if (Date.now() > deadline) return lags
    await pause(250)
  }
}

/**
 * Every persisted view document against a rebuild from the whole log in
 * memory: the keys every event touches, each compared. Returns the
 * documents that differ (`[]` when the views converged) and how many were compared.
 */
export const viewsAgainstRebuild = async (client: SqlClient, schema: string) => {
  const events = await createSqlEventStore('postgres', client, { schema })
  const rebuilt = createMemoryViewStore()
  const runner = createProjectionRunner({
    events,
    views: rebuilt,
    log: scanningLogHead(events),
    definitions: VIEW_DEFINITIONS,
  })
  await runner.catchUp()
  const persisted = await createSqlViewStore(client, { schema })
  const keys = new Set<string>()
  for (const event of await events.readAll())
    for (const definition of VIEW_DEFINITIONS)
      for (const key of definition.keysOf(event)) keys.add(`${definition.name}\n${key}`)
  const differ: string[] = []
  for (const entry of keys) {
    const [view, key] = entry.split('\n') as [string, string]
    const [want, got] = [await rebuilt.get(view, key), await persisted.get(view, key)]
    if (JSON.stringify(sorted(want)) !== JSON.stringify(sorted(got))) differ.push(`${view}/${key}`)
  }
  return { differ, compared: keys.size }
}

/** JSON with object keys in order: jsonb does not keep the order they were written in. */
const sorted = (value: unknown): unknown =>
  Array.isArray(value)
    ? value.map(sorted)
    : value !== null && typeof value === 'object'
      ? Object.fromEntries(
          Object.entries(value as Record<string, unknown>)
            .sort(([a], [b]) => (a < b ? -1 : 1))
            .map(([k, v]) => [k, sorted(v)]),
        )
      : value
