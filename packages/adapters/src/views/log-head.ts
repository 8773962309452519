import { comparePositions, type EventStore, type Position } from '../store/port.js'
import { quoteSchema, type SqlQuery } from '../store/sql/client.js'
import { toPosition } from '../store/sql/statements.js'

/** The end of the global log and how far a checkpoint is behind it: for `projectionStatus()`. */
export interface LogHead {
  /** The last event a reader can see now; `undefined` on an empty log. */
  head(): Promise<Position | undefined>
  /**
   * Events a reader can see after `after` (all, when `undefined`), counting
   * at most `atMost` of them when given: what a health probe needs ("more
   * than the allowed lag?"), and on SQL an index range scan of at most that
   * many rows whatever the table's statistics say.
   */
  countAfter(after: Position | undefined, atMost?: number): Promise<number>
}

/** Reads the whole log to answer: only for the memory store, where that is cheap. */
export const scanningLogHead = (store: EventStore): LogHead => {
  const all = () => store.readAll()
  return {
    head: async () => (await all()).at(-1)?.position,
    countAfter: async (after, atMost = Number.POSITIVE_INFINITY) =>
      Math.min(
        atMost,
        (await all()).filter((event) => after === undefined || comparePositions(event.position, after) > 0)
          .length,
      ),
  }
}

/**
 * The same bounds as the store's gapless `readAll` (sql/statements.ts): only
 * transactions older than the snapshot's xmin count, so the lag reported is
 * what a runner could read now. Counting is O(lag) — when the planner uses
 * the index. A plain `count(*)` over a range it cannot estimate (a table
 * never analysed: just restored, just upgraded, just bulk-loaded) is planned
 * as a parallel scan of the whole log: seconds per health probe at 5 million
 * events, and a restarted server that stays unready. So a capped count reads
 * the range in index order with a LIMIT, which no statistics can turn into
 * a full scan.
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
    countAllAtMost: `select count(*)::text as n from (select 1 from ${s}.events e where ${visible}
      order by e.transaction_id, e.position limit $1::bigint) t`,
    countAfterAtMost: `select count(*)::text as n from (select 1 from ${s}.events e
      where ${visible} and (e.transaction_id, e.position) > ($2::text::xid8, $3::bigint)
      order by e.transaction_id, e.position limit $1::bigint) t`,
  }
  return {
    head: async () => {
      const [row] = await sql.query<{ position: string; transaction_id: string }>(text.head)
      return row === undefined ? undefined : toPosition(row)
    },
    countAfter: async (after, atMost) => {
      const from =
        after === undefined || after.commit < 0n ? [] : [after.commit.toString(), after.prepare.toString()]
      const capped = atMost === undefined ? [] : [String(atMost)]
      const query =
        atMost === undefined
          ? from.length === 0
            ? text.countAll
            : text.countAfter
          : from.length === 0
            ? text.countAllAtMost
            : text.countAfterAtMost
      const [row] = await sql.query<{ n: string }>(query, [...capped, ...from])
      return Number(row?.n ?? 0)
    },
  }
}
