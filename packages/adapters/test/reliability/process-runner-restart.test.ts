import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CreditInput, TransferInput } from '../../src/application/account/inputs.js'
import { PROCESS_RUNNER_NAME } from '../../src/application/process-runner.js'
import { logAuditSource, runAudit } from '../../src/audit/index.js'
import type { CheckpointStore } from '../../src/runner/checkpoints.js'
import { comparePositions, type EventStore, type NewEvent, type Position } from '../../src/store/port.js'
import { wrapStore } from '../../src/store/wrap-store.js'
import {
  asCabinet,
  balanceOf,
  changesNothing,
  devPerson,
  makeApp,
  ok,
  pay,
  register,
  typed,
} from '../application/facade/support.js'
import { KINDS, openSqlBacking } from './sql-backing.js'

const TRANSFERS = 4

/** Thrown by everything a killed process touches after its death. */
class Killed extends Error {
  override name = 'Killed'
}

/**
 * One process's view of the store and checkpoints that dies at `killAt`: the
 * step handling that event has done its side effects, then saving its
 * checkpoint kills the process, and from then on nothing it does reaches the
 * database — as if the power went off between the two.
 */
const mortal = (store: EventStore, checkpoints: CheckpointStore, killAt: Position) => {
  let dead = false
  const alive = <T>(work: () => Promise<T>): Promise<T> => (dead ? Promise.reject(new Killed()) : work())
  return {
    store: wrapStore(store, {
      readStream: (...args) => alive(() => store.readStream(...args)),
      readAll: (...args) => alive(() => store.readAll(...args)),
      appendToStream: (...args) => alive(() => store.appendToStream(...args)),
    }),
    checkpoints: {
      load: (name) => alive(() => checkpoints.load(name)),
      save: (name, position) =>
        alive(async () => {
          if (comparePositions(position, killAt) === 0) {
            dead = true
            throw new Killed('killed between a step and its checkpoint')
          }
          await checkpoints.save(name, position)
        }),
    } satisfies CheckpointStore,
    dead: () => dead,
  }
}

/** Refuses every append carrying `type`: how the set-up leaves work for the runner. */
const failingAppendsOf = (store: EventStore, type: string) =>
  wrapStore(store, {
    appendToStream: async (streamId, events: readonly NewEvent[], expected, context) => {
      if (events.some((event) => event.type === type)) throw new Error(`no ${type} during set-up`)
      return store.appendToStream(streamId, events, expected, context)
    },
  })

describe.each(KINDS)('reliability: the process runner killed mid-catch-up and restarted (%s)', (kind) => {
  let backing: Awaited<ReturnType<typeof openSqlBacking>>
  const ids = { alice: '', bob: '' }
  const transferIds: string[] = []

  beforeAll(async () => {
    backing = await openSqlBacking(kind, 'runner_restart')
    // Transfers debited whose credits never landed: work the runner has to finish.
    const t = makeApp(failingAppendsOf(backing.store, 'TransferCredited'))
    const [a, b] = [devPerson(701), devPerson(702)]
    ids.alice = (await register(t, a)).cabinetId
    const recipient = await register(t, b)
    ids.bob = recipient.cabinetId
    const code = await pay(t.app, a.document.number, '100.00')
    ok(
      await t.app.accounts.creditPayment(
        ids.alice,
        typed(CreditInput, { paymentCode: code, method: 'code' }),
        asCabinet(ids.alice),
      ),
    )
    for (let n = 0; n < TRANSFERS; n++) {
      const send = typed(TransferInput, {
        toCabinetNumber: recipient.cabinetNumber,
        amount: '10.00',
        password: a.password,
      })
      const answer = ok(await t.app.accounts.transfer(ids.alice, send, asCabinet(ids.alice)))
      expect(answer.status).toBe('requested')
      transferIds.push(answer.transferId)
    }
  })
  afterAll(async () => backing?.close())

  const eventsOf = async (type: string) =>
    (await backing.store.readAll()).filter((event) => event.type === type)

  it('resumes at the event whose checkpoint was lost, re-dispatches it harmlessly, and moves every qəpik once', async () => {
    const { store, checkpoints } = backing
    const debits = await eventsOf('TransferDebited')
    expect(debits).toHaveLength(TRANSFERS)
    const killAt = debits[1]!.position

    // The first life: catches up, makes the second credit, dies before checkpointing it.
    const first = mortal(store, checkpoints, killAt)
    await expect(makeApp(first.store, { checkpoints: first.checkpoints }).app.settle()).rejects.toThrow(
      Killed,
    )
    expect(first.dead()).toBe(true)
    const left = await checkpoints.load(PROCESS_RUNNER_NAME)
    expect(left).toBeDefined()
    expect(comparePositions(left!, killAt)).toBeLessThan(0) // part of the log done, the killed event not
    const creditedBeforeRestart = (await eventsOf('TransferCredited')).map((event) => event.data.transferId)
    expect(creditedBeforeRestart).toEqual([transferIds[0], transferIds[1]]) // the side effect landed

    // The second life: starts from the stored checkpoint, not from the beginning.
    const saved: Position[] = []
    const watched: CheckpointStore = {
      load: (name) => checkpoints.load(name),
      save: async (name, position) => {
        saved.push(position)
        await checkpoints.save(name, position)
      },
    }
    const restarted = makeApp(store, { checkpoints: watched }).app
    await restarted.settle()
    expect(saved[0]).toEqual(killAt) // the killed event is handled again (at-least-once)…
    expect(saved.length).toBeLessThan((await store.readAll()).length) // …and nothing before it

    // …and the re-dispatch changed nothing: one credit per transfer, every transfer completed.
    const credited = (await eventsOf('TransferCredited')).map((event) => event.data.transferId)
    expect([...credited].sort()).toEqual([...transferIds].sort())
    expect((await eventsOf('TransferCompleted')).map((event) => event.data.transferId).sort()).toEqual(
      [...transferIds].sort(),
    )
    const all = await store.readAll()
    expect(new Set(all.map((event) => event.id)).size).toBe(all.length)
    expect([await balanceOf(restarted, ids.alice), await balanceOf(restarted, ids.bob)]).toEqual([
      '60.00',
      '40.00',
    ])
    const report = await runAudit(logAuditSource(store, kind))
    expect(report.checks.filter((check) => !check.ok && check.skipped === undefined)).toEqual([])
    expect(report.checks.find((check) => check.name === 'money')!.totals).toMatchObject({
      transfersInFlight: '0.00',
    })
    await changesNothing(store, () => makeApp(store, { checkpoints }).app.settle())
  })
})
