import { describe, expect, it } from 'vitest'
import { CreditInput, TransferInput } from '../../src/application/account/inputs.js'
import { checkLogDecodes } from '../../src/audit/log-decodes.js'
import { MalformedEventError } from '../../src/command/codec.js'
import { randomId } from '../../src/ids.js'
import { createLogger } from '../../src/logging.js'
import { createMemoryEventStore } from '../../src/store/memory.js'
import type { EventStore } from '../../src/store/port.js'
import { asCabinet, devPerson, makeApp, ok, pay, register, typed } from '../application/facade/support.js'
import { eventually } from '../runner/support.js'
import { openSqlBacking } from './sql-backing.js'

/** A value that must never reach a log line or a message: it stands for personal data in a bad event. */
const SECRET_VALUE = 'AZE-SECRET-4471'

/** Writes straight through the store port, as a buggy writer or a bad import would: no decider, no codec. */
const writeMalformed = (store: EventStore, streamId: string) =>
  store.appendToStream(
    streamId,
    [{ id: randomId(), type: 'TopUpCredited', data: { amount: SECRET_VALUE, paymentCode: 7 } }],
    'any',
  )

/** A funded sender and a recipient whose account holds one event the codecs reject. */
const poisonedRecipient = async () => {
  const lines: string[] = []
  const logger = createLogger({ level: 'debug' }, { write: (line: string) => void lines.push(line) })
  const store = createMemoryEventStore()
  const t = makeApp(store, { logger })
  const [a, b] = [devPerson(801), devPerson(802)]
  const sender = await register(t, a)
  const recipient = await register(t, b)
  const code = await pay(t.app, a.document.number, '30.00')
  ok(
    await t.app.accounts.creditPayment(
      sender.cabinetId,
      typed(CreditInput, { paymentCode: code, method: 'code' }),
      asCabinet(sender.cabinetId),
    ),
  )
  const wallet = `wallet-${recipient.cabinetNumber}`
  const { nextExpectedRevision } = await writeMalformed(store, wallet)
  const send = typed(TransferInput, {
    toCabinetNumber: recipient.cabinetNumber,
    amount: '5.00',
    password: a.password,
  })
  return { store, lines, wallet, revision: nextExpectedRevision, sender, send, logger }
}

describe('reliability: malformed events in the log', () => {
  it('the start-up check names each undecodable event by stream, revision and failing fields — never its data', async () => {
    const { store, wallet, revision } = await poisonedRecipient()
    await store.appendToStream('nobody-reads-this', [{ id: randomId(), type: 'Whatever', data: {} }], 'any')
    const result = await checkLogDecodes(store)
    expect(result).toMatchObject({
      events: (await store.readAll()).length,
      undecodableCount: 1,
      unknownCategory: 1,
    })
    expect(result.undecodable).toEqual([
      {
        streamId: wallet,
        revision,
        type: 'TopUpCredited',
        problem: 'undecodable',
        fields: expect.any(Array),
      },
    ])
    expect(result.undecodable[0]!.fields).toEqual(expect.arrayContaining(['amount', 'paymentCode']))
    expect(
      JSON.stringify(result, (_, value) => (typeof value === 'bigint' ? String(value) : value)),
    ).not.toContain(SECRET_VALUE)
  })

  it('the start-up check sees a raw UPDATE of an event’s data in SQL (PGlite)', async () => {
    const backing = await openSqlBacking('pglite', 'malformed')
    try {
      const t = makeApp(backing.store)
      const cabinet = await register(t, devPerson(803))
      expect((await checkLogDecodes(backing.store)).undecodableCount).toBe(0)
      await backing.client.query(
        `update imtahan.events set data = jsonb_set(data, '{walletId}', '42') where stream_id = $1 and revision = 0`,
        [`wallet-${cabinet.cabinetNumber}`],
      )
      expect((await checkLogDecodes(backing.store)).undecodable).toMatchObject([
        {
          streamId: `wallet-${cabinet.cabinetNumber}`,
          revision: 0n,
          type: 'WalletOpened',
          fields: ['walletId'],
        },
      ])
    } finally {
      await backing.close()
    }
  })

  it('settle() stops at once with the stream and revision; it neither skips the event nor retries it', async () => {
    const { store, wallet, revision, sender, send } = await poisonedRecipient()
    // The request itself cannot finish the transfer: the recipient's account no longer reads.
    const answer = ok(
      await makeApp(store).app.accounts.transfer(sender.cabinetId, send, asCabinet(sender.cabinetId)),
    )
    expect(answer.status).toBe('requested')
    const settled = makeApp(store).app.settle()
    await expect(settled).rejects.toBeInstanceOf(MalformedEventError)
    await expect(settled).rejects.toMatchObject({ streamId: wallet, revision })
    expect((await store.readAll()).filter((event) => event.type === 'TransferCredited')).toEqual([])
  })

  it('the live runner meeting one stops loudly: an error naming stream and revision, and the step is not skipped', async () => {
    const { store, lines, wallet, revision, sender, send, logger } = await poisonedRecipient()
    const app = makeApp(store, { logger }).app
    ok(await app.accounts.transfer(sender.cabinetId, send, asCabinet(sender.cabinetId)))
    await app.start()
    try {
      const stopped = () =>
        lines.map((line) => JSON.parse(line)).find((line) => /process runner stopped/.test(line.msg))
      await eventually(() => stopped() !== undefined, 'the runner to stop')
      expect(stopped()).toMatchObject({
        level: 50,
        error: 'MalformedEventError',
        streamId: wallet,
        revision: String(revision),
        eventType: 'TopUpCredited',
      })
      expect(lines.join('')).not.toContain(SECRET_VALUE)
      // Not skipped: the transfer waits, in flight, for the event to be repaired.
      expect((await store.readAll()).filter((event) => event.type === 'TransferCredited')).toEqual([])
    } finally {
      await app.stop()
    }
  })
})
