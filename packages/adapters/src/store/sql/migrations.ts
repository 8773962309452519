import { quoteSchema, type SqlClient } from './client.js'

type Migration = {
  readonly version: number
  readonly name: string
  readonly statements: (s: string) => string[]
}

/**
 * Versioned schema changes, applied in order and never edited once released:
 * a change is a new entry. `streams` holds each stream's head (last revision
 * and hash) so the expected-revision check and the insert are one statement;
 * `events.transaction_id` is what makes the global order gapless (see sql/store.ts).
 */
const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'streams and events',
    statements: (s) => [
      `create table ${s}.streams (
        stream_id text primary key,
        revision bigint not null,
        last_hash text not null
      )`,
      `create table ${s}.events (
        position bigserial primary key,
        transaction_id xid8 not null default pg_current_xact_id(),
        stream_id text not null,
        revision bigint not null,
        event_id uuid not null,
        type text not null,
        data jsonb not null,
        metadata jsonb not null,
        unique (stream_id, revision),
        unique (stream_id, event_id)
      )`,
      `create index events_global_order on ${s}.events (transaction_id, position)`,
    ],
  },
  {
    version: 2,
    name: 'sign-in sessions',
    // Only a keyed hash of each token is stored (signin/token.ts): the table is no list of working tokens.
    statements: (s) => [
      `create table ${s}.sign_in_sessions (
        token_hash text primary key,
        cabinet_id text not null,
        expires_at timestamptz not null,
        issued_at timestamptz not null
      )`,
      `create index sign_in_sessions_by_cabinet on ${s}.sign_in_sessions (cabinet_id)`,
      `create index sign_in_sessions_by_expiry on ${s}.sign_in_sessions (expires_at)`,
    ],
  },
  {
    version: 3,
    name: 'persisted read models',
    // views/: readers join `views` to read only the active generation, so a rebuild beside it is invisible.
    statements: (s) => [
      `create table ${s}.views (
        view text primary key,
        active_generation integer not null,
        version text not null,
        swapped_at timestamptz not null default now()
      )`,
      `create table ${s}.view_documents (
        view text not null,
        generation integer not null,
        key text not null,
        doc jsonb not null,
        lookup text,
        primary key (view, generation, key)
      )`,
      `create index view_documents_by_lookup on ${s}.view_documents (view, generation, lookup)
        where lookup is not null`,
    ],
  },
  {
    version: 4,
    name: 'lease holders',
    // Who took which lease; runner/pg-lease.ts trusts a row only while its backend still holds the advisory lock.
    statements: (s) => [
      `create table ${s}.lease_holders (
        name text primary key,
        instance_id text not null,
        backend_pid integer not null,
        acquired_at timestamptz not null default now()
      )`,
    ],
  },
  {
    version: 5,
    name: 'login throttle',
    // Failed sign-ins per login (signin/login-throttle-sql.ts), keyed by HMAC; times in ms of the caller's clock.
    statements: (s) => [
      `create table ${s}.login_throttle (
        login_key text primary key,
        failures integer not null,
        last_failure_at bigint not null,
        locked_until bigint not null
      )`,
    ],
  },
  {
    version: 6,
    name: 'dev clock',
    // Dev mode's clock offset (store/sql/dev-clock.ts), one row, so every process on the database keeps one time.
    statements: (s) => [
      `create table ${s}.dev_clock (
        id boolean primary key default true check (id),
        offset_ms bigint not null
      )`,
    ],
  },
  {
    version: 7,
    name: 'view lookups by key',
    // A re-score reads a sitting's result documents a page at a time (views/sql-store.ts byLookupPage):
    // with the key in the index, each page is a walk from where the last one ended, not a scan and sort.
    statements: (s) => [
      `create index view_documents_lookup_key on ${s}.view_documents (view, generation, lookup, key)
        where lookup is not null`,
      `drop index ${s}.view_documents_by_lookup`,
    ],
  },
  {
    version: 8,
    name: 'view documents as json text',
    // Documents are only ever written and read whole, never queried inside: as `json` PostgreSQL
    // keeps the text it was given and sends it back as it is, where `jsonb` parsed it on the way in
    // and printed it again on every read (~60 % of the database's work reading a sitting's results).
    statements: (s) => [`alter table ${s}.view_documents alter column doc type json using doc::json`],
  },
]

/**
 * Brings `schema` up to date. Safe to call from every process at start-up:
 * the transaction-scoped advisory lock makes concurrent starters wait for the
 * first, which then finds nothing left to do.
 */
export const migrate = async (client: SqlClient, schema: string): Promise<number[]> => {
  const s = quoteSchema(schema)
  return client.transaction(async (tx) => {
    await tx.query('select pg_advisory_xact_lock(hashtext($1))', [`imtahan.migrate.${schema}`])
    await tx.query(`create schema if not exists ${s}`)
    await tx.query(
      `create table if not exists ${s}.schema_migrations (
        version integer primary key,
        name text not null,
        applied_at timestamptz not null default now()
      )`,
    )
    const rows = await tx.query<{ version: number }>(`select version from ${s}.schema_migrations`)
    const applied = new Set(rows.map((row) => Number(row.version)))
    const newlyApplied: number[] = []
    for (const migration of MIGRATIONS) {
      if (applied.has(migration.version)) continue
      for (const statement of migration.statements(s)) await tx.query(statement)
      await tx.query(`insert into ${s}.schema_migrations (version, name) values ($1, $2)`, [
        migration.version,
        migration.name,
      ])
      newlyApplied.push(migration.version)
    }
    return newlyApplied
  })
}

/** The newest schema version this code knows. */
export const LATEST_SCHEMA_VERSION = MIGRATIONS.at(-1)?.version ?? 0

/** Every version this code knows, in the order they apply. */
export const SCHEMA_VERSIONS: readonly number[] = MIGRATIONS.map((migration) => migration.version)
