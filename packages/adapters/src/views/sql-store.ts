import { checkpointStatements, ensureCheckpointTable } from '../runner/sql-checkpoints.js'
import { comparePositions, type Position, START } from '../store/port.js'
import { quoteSchema, type SqlClient, type SqlQuery } from '../store/sql/client.js'
import { migrate } from '../store/sql/migrations.js'
import { checkpointName, type KeyedDocument, type ViewStore } from './store.js'

/** The view store's statements (exported for the plan tests). */
export const viewStatements = (schema: string) => {
  const s = quoteSchema(schema)
  // The active generation as a scalar subquery (one value the planner knows before the scan), not a
  // join: joined, the planner could not use the (view, generation, lookup, key) index for ORDER BY key
  // LIMIT, so every page fetched and sorted every document after it — a 100,000-session sitting's
  // 400 pages read 20 million rows (379 ms a page; now 1.7 ms).
  const active = `${s}.view_documents d where d.view = $1
    and d.generation = (select v.active_generation from ${s}.views v where v.view = $1)`
  // Keys travel as one JSON array parameter: no array-literal quoting, any number of keys. Each key
  // is its own probe of the primary key (a lateral lookup on all three columns: one row at most, an
  // index scan whatever the statistics say). Both earlier forms left the plan to the statistics:
  // `in (select …)` hashed the keys, and `= any(array(…))` (the keys unknown to the planner) scanned
  // the whole generation by (view, generation) and filtered by key — on a view never analysed (a new
  // generation; this machine runs without autovacuum) every batch read every document built so far,
  // so building the results view of 10 million events took 15 minutes (with the probes, 2.5).
  const probed = `jsonb_array_elements_text($3::jsonb) as k(key) cross join lateral
    (select d.ctid, d.key, d.doc from ${s}.view_documents d
      where d.view = $1 and d.generation = $2 and d.key = k.key offset 0) d`
  return {
    get: `select d.doc from ${active} and d.key = $2`,
    byLookup: `select d.key, d.doc from ${active} and d.lookup = $2 order by d.key`,
    // An index walk from `after` (migration 7 indexes lookup then key): each page reads only its rows.
    byLookupPage: `select d.key, d.doc from ${active} and d.lookup = $2 and d.key > $3
      order by d.key limit $4`,
    active: `select active_generation, version from ${s}.views where view = $1`,
    lockActive: `select active_generation, version from ${s}.views where view = $1 for update`,
    clear: `delete from ${s}.view_documents where view = $1 and generation = $2`,
    load: `select d.key, d.doc from ${probed}`,
    upsert: `insert into ${s}.view_documents (view, generation, key, doc, lookup)
      select $1, $2, x.key, x.doc, x.lookup from json_to_recordset($3::json) as x(key text, doc json, lookup text)
      on conflict (view, generation, key) do update set doc = excluded.doc, lookup = excluded.lookup`,
    delete: `delete from ${s}.view_documents where ctid = any(array(select d.ctid from ${probed}))`,
    setActive: `insert into ${s}.views (view, active_generation, version) values ($1, $2, $3)
      on conflict (view) do update set active_generation = excluded.active_generation,
        version = excluded.version, swapped_at = now()`,
    dropOthers: `delete from ${s}.view_documents where view = $1 and generation <> $2`,
    dropCheckpoint: `delete from ${s}.checkpoints where name = $1`,
  }
}

type CheckpointRow = { commit: string; prepare: string }
const positionOf = (row: CheckpointRow | undefined): Position | undefined =>
  row === undefined ? undefined : { commit: BigInt(row.commit), prepare: BigInt(row.prepare) }
/** Drivers give json back parsed (pg, PGlite) — or as text if configured otherwise. */
const json = (value: unknown): unknown => (typeof value === 'string' ? JSON.parse(value) : value)

/**
 * JSON text with every character beyond ASCII written as a `\u` escape (a
 * surrogate pair as two). The `json` column keeps the text as given, so
 * documents come back as ASCII: V8 decodes and parses one-byte strings
 * faster (~20 % on a result document) and holds them at half the size, where
 * one "Gəncə" among a candidate's answers made the whole document two-byte.
 */
export const asciiJson = (text: string): string => {
  // A loop over char codes, not `replace(/[\u0080-\uffff]/g, …)`: on a batch of 500 result documents
  // (1.5 MB of text, ~6,000 such characters) the regular expression took 15 ms, this 4-6 ms.
  let out = ''
  let from = 0
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index)
    if (code < 0x80) continue
    out += `${text.slice(from, index)}\\u${code.toString(16).padStart(4, '0')}`
    from = index + 1
  }
  return from === 0 ? text : out + text.slice(from)
}

/**
 * Views in the event store's database (PostgreSQL or PGlite): documents in
 * `view_documents` by (view, generation, key), the active generation in
 * `views`, each generation's checkpoint in the runners' `checkpoints` table
 * (same statements as runner/sql-checkpoints.ts), so a batch's documents and
 * its checkpoint commit in one transaction. A batch locks its checkpoint row
 * (`for update`), so two runners cannot both apply the same events.
 */
export const createSqlViewStore = async (client: SqlClient, options: { readonly schema?: string } = {}) => {
  const schema = options.schema ?? 'imtahan'
  await migrate(client, schema)
  await ensureCheckpointTable(client, schema)
  const sql = viewStatements(schema)
  const cp = checkpointStatements(schema)
  const loadCheckpoint = async (q: SqlQuery, name: string, lock: boolean) =>
    positionOf((await q.query<CheckpointRow>(lock ? `${cp.load} for update` : cp.load, [name]))[0])
  const saveCheckpoint = (q: SqlQuery, name: string, at: Position) =>
    q.query(cp.save, [name, at.commit.toString(), at.prepare.toString()])

  const store: ViewStore = {
    get: async (view, key) => {
      const [row] = await client.query<{ doc: unknown }>(sql.get, [view, key])
      return row === undefined ? undefined : json(row.doc)
    },
    byLookup: async (view, lookup, page) =>
      (
        await client.query<{ key: string; doc: unknown }>(
          page === undefined ? sql.byLookup : sql.byLookupPage,
          page === undefined ? [view, lookup] : [view, lookup, page.after ?? '', page.limit],
        )
      ).map((row): KeyedDocument => ({ key: row.key, doc: json(row.doc) })),
    active: async (view) => {
      const [row] = await client.query<{ active_generation: number; version: string }>(sql.active, [view])
      return row === undefined
        ? undefined
        : { generation: Number(row.active_generation), version: row.version }
    },
    checkpoint: (view, generation) => loadCheckpoint(client, checkpointName(view, generation), false),
    startGeneration: (view, generation) =>
      client.transaction(async (tx) => {
        await tx.query(sql.clear, [view, generation])
        await saveCheckpoint(tx, checkpointName(view, generation), START)
      }),
    batch: (view, generation, fn) =>
      client.transaction((tx) =>
        fn({
          checkpoint: () => loadCheckpoint(tx, checkpointName(view, generation), true),
          load: async (keys) => {
            const rows = await tx.query<{ key: string; doc: unknown }>(sql.load, [
              view,
              generation,
              JSON.stringify(keys),
            ])
            return new Map(rows.map((row) => [row.key, json(row.doc)]))
          },
          write: async (documents, checkpoint) => {
            const kept = documents.filter((d) => d.doc !== undefined)
            const gone = documents.filter((d) => d.doc === undefined).map((d) => d.key)
            if (kept.length > 0)
              await tx.query(sql.upsert, [
                view,
                generation,
                asciiJson(
                  JSON.stringify(kept.map((d) => ({ key: d.key, doc: d.doc, lookup: d.lookup ?? null }))),
                ),
              ])
            if (gone.length > 0) await tx.query(sql.delete, [view, generation, JSON.stringify(gone)])
            await saveCheckpoint(tx, checkpointName(view, generation), checkpoint)
          },
        }),
      ),
    activate: (view, generation, version) =>
      client.transaction(async (tx) => {
        // Locking the `views` row queues concurrent swaps; readers go on reading the old generation meanwhile.
        const [row] = await tx.query<{ active_generation: number }>(sql.lockActive, [view])
        const mine = await loadCheckpoint(tx, checkpointName(view, generation), true)
        if (mine === undefined) return false
        const previous = row === undefined ? undefined : Number(row.active_generation)
        if (previous !== undefined && previous !== generation) {
          const theirs = await loadCheckpoint(tx, checkpointName(view, previous), true)
          if (theirs !== undefined && comparePositions(mine, theirs) < 0) return false
          await tx.query(sql.dropCheckpoint, [checkpointName(view, previous)])
        }
        await tx.query(sql.setActive, [view, generation, version])
        await tx.query(sql.dropOthers, [view, generation])
        return true
      }),
  }
  return store
}
