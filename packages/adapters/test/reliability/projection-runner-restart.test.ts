import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { randomId } from '../../src/ids.js'
import { catchUpProjection } from '../../src/runner/projection.js'
import { sqlCheckpointStore } from '../../src/runner/sql-checkpoints.js'
import { comparePositions, type Position, type RecordedEvent } from '../../src/store/port.js'
import { KINDS, openSqlBacking } from './sql-backing.js'

const NAME = 'drill.deposit-totals'

/**
 * Drill: a SQL read model whose fold is NOT idempotent (it adds), kept
 * effectively-once by saving its rows and its checkpoint in one transaction
 * (sql-checkpoints.ts). Killed at either point of a step — inside the
 * transaction, or after it committed but before the runner's own save — and
 * restarted from the stored checkpoint, it counts every event exactly once.
 */
describe.each(KINDS)('reliability: a projection killed mid-catch-up and restarted (%s)', (kind) => {
  let backing: Awaited<ReturnType<typeof openSqlBacking>>
  const table = () => `"${backing.schema}".drill_totals`

  beforeAll(async () => {
    backing = await openSqlBacking(kind, 'projection_restart')
    await backing.client.query(`create table ${table()} (stream_id text primary key, total int not null)`)
    for (let n = 1; n <= 12; n++)
      await backing.store.appendToStream(
        `deposits-${n % 3}`,
        [{ id: randomId(), type: 'Deposited', data: { amount: n } }],
        'any',
      )
  })
  afterAll(async () => backing?.close())

  /** One step: add the amount and move the checkpoint, together; `die` says where this life ends. */
  const project =
    (die: (event: RecordedEvent, stage: 'in-transaction' | 'committed') => void) =>
    async (event: RecordedEvent) => {
      await backing.client.transaction(async (tx) => {
        await tx.query(
          `insert into ${table()} (stream_id, total) values ($1, $2::int)
            on conflict (stream_id) do update set total = ${table()}.total + excluded.total`,
          [event.streamId, String(event.data.amount)],
        )
        await sqlCheckpointStore(tx, backing.schema).save(NAME, event.position)
        die(event, 'in-transaction')
      })
      die(event, 'committed')
    }

  const killedAt =
    (position: Position, stage: 'in-transaction' | 'committed') => (event: RecordedEvent, now: string) => {
      if (now === stage && comparePositions(event.position, position) === 0)
        throw new Error(`killed ${stage}`)
    }

  const totals = async () =>
    Object.fromEntries(
      (await backing.client.query<{ stream_id: string; total: number }>(`select * from ${table()}`)).map(
        (row) => [row.stream_id, Number(row.total)],
      ),
    )

  it('counts every event once across two kills, and equals a fold of the log', async () => {
    const { store, checkpoints } = backing
    const log = await store.readAll()
    const run = (die: Parameters<typeof project>[0]) =>
      catchUpProjection({ store, checkpoints, name: NAME, project: project(die), batchSize: 5 })

    await expect(run(killedAt(log[3]!.position, 'in-transaction'))).rejects.toThrow('killed in-transaction')
    expect(await checkpoints.load(NAME)).toEqual(log[2]!.position) // the 4th step rolled back whole
    await expect(run(killedAt(log[8]!.position, 'committed'))).rejects.toThrow('killed committed')
    expect(await checkpoints.load(NAME)).toEqual(log[8]!.position) // saved with its rows, before the kill
    const last = await run(() => {})
    expect(last.processed).toBe(3) // resumed after the 9th event: nothing handled twice

    const expected: Record<string, number> = {}
    for (const event of log)
      expected[event.streamId] = (expected[event.streamId] ?? 0) + Number(event.data.amount)
    expect(await totals()).toEqual(expected)
  })
})
