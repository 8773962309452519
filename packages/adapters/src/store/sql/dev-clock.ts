import type { DevClockOffsets } from '../../ports/clock.js'
import { quoteSchema, type SqlClient } from './client.js'
import { migrate } from './migrations.js'

/**
 * Dev mode's clock offset in the event store's database (migration 6, one
 * row), so `POST /dev/clock` on one process moves the time of every process
 * on that database. Raising is one statement with `greatest`, so two moves at
 * once end at the later one and the offset never goes back.
 */
export const createSqlDevClockOffsets = async (
  client: SqlClient,
  options: { readonly schema?: string } = {},
): Promise<DevClockOffsets> => {
  const schema = options.schema ?? 'imtahan'
  await migrate(client, schema)
  const table = `${quoteSchema(schema)}.dev_clock`
  return {
    read: async () => {
      const [row] = await client.query<{ offset_ms: string }>(`select offset_ms::text from ${table}`)
      return row === undefined ? 0 : Number(row.offset_ms)
    },
    raise: async (offsetMs) => {
      const [row] = await client.query<{ offset_ms: string }>(
        `insert into ${table} (id, offset_ms) values (true, $1::bigint)
         on conflict (id) do update set offset_ms = greatest(${table}.offset_ms, excluded.offset_ms)
         returning offset_ms::text`,
        [String(Math.round(offsetMs))],
      )
      return Number(row?.offset_ms ?? offsetMs)
    },
  }
}
