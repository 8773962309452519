import pg from 'pg'
import { poolSqlClient } from '../store/postgres/client.js'
import { quoteSchema } from '../store/sql/client.js'
import { migrate } from '../store/sql/migrations.js'
import type { Lease, LeaseHolder, Leases } from './lease.js'

/**
 * Leases on PostgreSQL as session-level advisory locks, each held on a
 * connection of its own (see docs/decisions.md, "Scale-out"). The server
 * releases such a lock the moment the holder's connection ends — process
 * killed, machine gone, connection terminated — so failover needs no clock,
 * heartbeat tuning or expiry guess, and two holders are impossible while the
 * server lives. The price is one connection per held lease, and a setup
 * where sessions are pinned to connections (no transaction-mode PgBouncer).
 *
 * The holder learns of a loss from the connection's error/end events, and
 * from a `select 1` every `checkMs` for a connection that died silently.
 * Work done under a lease must still be fenced where it writes (the
 * projection runner compares its checkpoint in the same transaction), since
 * a holder may learn of its loss only after the next one has started.
 */
export type PostgresLeaseOptions = {
  readonly connectionString: string
  /** Shown by `holders()` and in `pg_stat_activity`; e.g. host name and pid. */
  readonly instanceId: string
  readonly schema?: string
  /** How often a holder checks that its connection is alive (default 2000 ms). */
  readonly checkMs?: number
}

/** The first advisory-lock key: our namespace, so other users of advisory locks cannot collide with leases. */
const LEASE_NAMESPACE = 0x1ea5e

export const createPostgresLeases = async (options: PostgresLeaseOptions): Promise<Leases> => {
  const { connectionString, instanceId } = options
  const schema = options.schema ?? 'imtahan'
  const table = `${quoteSchema(schema)}.lease_holders`
  const checkMs = options.checkMs ?? 2000
  // Short-lived work (migrate, holders) goes through a small pool; held leases each get a client of their own.
  const pool = new pg.Pool({ connectionString, max: 2, application_name: `imtahan leases ${instanceId}` })
  pool.on('error', () => {})
  const sql = poolSqlClient(pool, true)
  await migrate(sql, schema)
  const held = new Set<() => Promise<void>>()
  let closed = false

  const acquire = async (name: string): Promise<Lease | undefined> => {
    const connection = new pg.Client({
      connectionString,
      application_name: `imtahan lease ${instanceId}`.slice(0, 63),
      keepAlive: true,
    })
    connection.on('error', () => {})
    await connection.connect()
    const [row] = (
      await connection.query<{ granted: boolean; pid: number }>(
        'select pg_try_advisory_lock($1, hashtext($2)) as granted, pg_backend_pid() as pid',
        [LEASE_NAMESPACE, name],
      )
    ).rows
    if (row?.granted !== true) {
      await connection.end().catch(() => {})
      return undefined
    }
    try {
      await connection.query(
        `insert into ${table} (name, instance_id, backend_pid) values ($1, $2, $3)
         on conflict (name) do update set instance_id = excluded.instance_id,
           backend_pid = excluded.backend_pid, acquired_at = now()`,
        [name, instanceId, row.pid],
      )
    } catch (error) {
      // Not recorded means not held: a lease nobody can see in `holders()` would puzzle the operator.
      await connection.end().catch(() => {})
      throw error
    }
    const controller = new AbortController()
    const end = async () => {
      if (controller.signal.aborted) return
      clearInterval(check)
      held.delete(end)
      controller.abort()
      // Ending the session is what releases a session-level lock: no unlock statement can be lost.
      await connection.end().catch(() => {})
    }
    const check = setInterval(() => {
      connection.query('select 1').catch(() => end())
    }, checkMs)
    check.unref()
    connection.on('error', () => void end())
    connection.on('end', () => void end())
    held.add(end)
    return { name, lost: controller.signal, release: end }
  }

  return {
    acquire,
    // A row counts only while its backend still holds the lock: a dead holder's row is simply ignored.
    holders: async () =>
      (
        await sql.query<{ name: string; instance_id: string; acquired_at: Date | string }>(
          `select h.name, h.instance_id, h.acquired_at from ${table} h
           where exists (select 1 from pg_locks k where k.locktype = 'advisory' and k.granted
             and k.pid = h.backend_pid and k.classid = $1::oid and k.objid = hashtext(h.name)::oid
             and k.objsubid = 2)
           order by h.name`,
          [LEASE_NAMESPACE],
        )
      ).map(
        (r): LeaseHolder => ({ name: r.name, instanceId: r.instance_id, since: new Date(r.acquired_at) }),
      ),
    close: async () => {
      await Promise.all([...held].map((end) => end()))
      if (closed) return
      closed = true
      await sql.close()
    },
  }
}
