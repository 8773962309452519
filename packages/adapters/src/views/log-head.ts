import { comparePositions, type EventStore, type Position } from '../store/port.js'
import { quoteSchema, type SqlQuery } from '../store/sql/client.js'
import { toPosition } from '../store/sql/statements.js'

/** The end of the global log and how far a checkpoint is behind it: for `projectionStatus()`. */
export interface LogHead {
  /** The last event a reader can see now; `undefined` on an empty log. */
  head(): Promise<Position | undefined>
  /** Events a reader can see after `after` (all, when `undefined`). */
  countAfter(after: Position | undefined): Promise<number>
}

/** Reads the whole log to answer: only for the memory store, where that is cheap. */
export const scanningLogHead = (store: EventStore): LogHead => {
  const all = () => store.readAll()
  return {
    head: async () => (await all()).at(-1)?.position,
    countAfter: async (after) =>
      (await all()).filter((event) => after === undefined || comparePositions(event.position, after) > 0)
        .length,
  }
}

/**
 * The same bounds as the store's gapless `readAll` (sql/statements.ts): only
 * transactions older than the snapshot's xmin count, so the lag reported is
 * what a runner could read now. Counting is O(lag), fine while lag is small.
 */
export const sqlLogHead = (sql: SqlQuery, schema: string): LogHead => {
  const s = quoteSchema(schema)
  const visible = 'e.transaction_id < pg_snapshot_xmin(pg_current_snapshot())'
  const text = {
    head: `select e.position::text as position, e.transaction_id::text as transaction_id from ${s}.events e
      where ${visible} order by e.transaction_id desc, e.position desc limit 1`,
    countAll: `select count(*)::text as n from ${s}.events e where ${visible}`,
    countAfter: `select count(*)::text as n from ${s}.events e
      where ${visible} and (e.transaction_id, e.position) > ($1::text::xid8, $2::bigint)`,
  }
  return {
    head: async () => {
      const [row] = await sql.query<{ position: string; transaction_id: string }>(text.head)
      return row === undefined ? undefined : toPosition(row)
    },
    countAfter: async (after) => {
      const [row] =
        after === undefined || after.commit < 0n
          ? await sql.query<{ n: string }>(text.countAll)
          : await sql.query<{ n: string }>(text.countAfter, [
              after.commit.toString(),
              after.prepare.toString(),
            ])
      return Number(row?.n ?? 0)
    },
  }
}
