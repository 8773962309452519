import { describe, expect, it } from 'vitest'
import { readWholeLog } from '../../src/audit/log.js'
import { createMemoryCheckpointStore } from '../../src/runner/checkpoints.js'
import { catchUp } from '../../src/runner/run.js'
import type { EsdbRecordedEvent } from '../../src/store/eventstoredb/mapping.js'
import { type EsdbReadAll, readAllPage } from '../../src/store/eventstoredb/read-all.js'
import { createMemoryEventStore } from '../../src/store/memory.js'
import {
  comparePositions,
  type EventStore,
  type ReadAllOptions,
  type RecordedEvent,
} from '../../src/store/port.js'

/**
 * A TEST DOUBLE of @eventstore/db-client's `readAll` — not EventStoreDB. It
 * serves a fixed `$all` the way client v6 does: the start position is
 * inclusive, `maxCount` counts every event, system events included (v6 sends
 * "no filter" on reads). The real server is covered by the gated contract
 * suite in eventstoredb.test.ts.
 */
const clientReadAllDouble = (log: readonly EsdbRecordedEvent[]) => {
  const calls: { fromPosition: unknown; maxCount: number | undefined }[] = []
  const readAll: EsdbReadAll = async function* (options) {
    calls.push({ fromPosition: options.fromPosition, maxCount: options.maxCount })
    const from = options.fromPosition
    const start =
      from === 'start' ? 0 : log.findIndex((event) => comparePositions(event.position!, from) >= 0)
    const rest = start < 0 ? [] : log.slice(start)
    for (const event of rest.slice(0, options.maxCount ?? rest.length)) yield { event }
  }
  return { readAll, calls }
}

const ours = (n: number, commit: bigint): EsdbRecordedEvent => ({
  id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  streamId: `cabinet-${n}`,
  type: 'CabinetOpened',
  revision: 0n,
  isJson: true,
  data: { n },
  metadata: {},
  position: { commit, prepare: commit },
})

const system = (n: number, commit: bigint): EsdbRecordedEvent => ({
  id: `00000000-0000-4000-9000-${String(n).padStart(12, '0')}`,
  streamId: n % 2 === 0 ? `$stats-127.0.0.1:2113` : '$scavenges',
  type: n % 2 === 0 ? '$statsCollected' : '$scavengeStarted',
  revision: BigInt(n),
  isJson: n % 3 !== 0,
  data: {},
  metadata: {},
  position: { commit, prepare: commit },
})

/** 10 of our events; runs of 0–4 system events between them, positions with gaps. */
const interleavedLog = (): EsdbRecordedEvent[] => {
  const log: EsdbRecordedEvent[] = []
  let commit = 100n
  let s = 0
  for (let n = 1; n <= 10; n += 1) {
    for (let k = 0; k < n % 5; k += 1) {
      s += 1
      log.push(system(s, commit))
      commit += 37n
    }
    log.push(ours(n, commit))
    commit += 53n
  }
  for (let k = 0; k < 3; k += 1) {
    s += 1
    log.push(system(s, commit))
    commit += 37n
  }
  return log
}

const numbers = (events: readonly RecordedEvent[]) => events.map((event) => event.data.n)
const ALL = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]

describe('EventStoreDB $all paging over a test double of the client (system events interleaved)', () => {
  it('returns a full page of our events while more exist, and a short page only at the end', async () => {
    const double = clientReadAllDouble(interleavedLog())
    const first = await readAllPage(double.readAll, { maxCount: 3 })
    expect(numbers(first)).toEqual([1, 2, 3])
    const second = await readAllPage(double.readAll, { after: first.at(-1)!.position, maxCount: 3 })
    expect(numbers(second)).toEqual([4, 5, 6])
    const third = await readAllPage(double.readAll, { after: second.at(-1)!.position, maxCount: 3 })
    expect(numbers(third)).toEqual([7, 8, 9])
    const last = await readAllPage(double.readAll, { after: third.at(-1)!.position, maxCount: 3 })
    expect(numbers(last)).toEqual([10])
    expect(await readAllPage(double.readAll, { after: last.at(-1)!.position, maxCount: 3 })).toEqual([])
  })

  it('a page of one after a run of system events still finds the next event of ours', async () => {
    const double = clientReadAllDouble(interleavedLog())
    const page = await readAllPage(double.readAll, { maxCount: 1 })
    expect(numbers(page)).toEqual([1])
    const next = await readAllPage(double.readAll, { after: page[0]!.position, maxCount: 1 })
    expect(numbers(next)).toEqual([2])
    // More than one request was needed: system events took the places of the first read.
    expect(double.calls.length).toBeGreaterThan(2)
  })

  it('without maxCount reads the whole log, ours only, in order', async () => {
    const double = clientReadAllDouble(interleavedLog())
    expect(numbers(await readAllPage(double.readAll))).toEqual(ALL)
  })

  for (const pageSize of [1, 2, 3, 4, 7]) {
    it(`the audit's whole-log read gets every event of ours (page size ${pageSize})`, async () => {
      const double = clientReadAllDouble(interleavedLog())
      const log = {
        readAll: (options?: ReadAllOptions) => readAllPage(double.readAll, options),
        readStream: async () => [],
      }
      const seen: RecordedEvent[] = []
      for await (const event of readWholeLog(log, pageSize)) seen.push(event)
      expect(numbers(seen)).toEqual(ALL)
    })

    it(`a catch-up handles every event of ours and checkpoints the last (batch size ${pageSize})`, async () => {
      const log = interleavedLog()
      const double = clientReadAllDouble(log)
      const store: EventStore = {
        ...createMemoryEventStore(),
        readAll: (options) => readAllPage(double.readAll, options),
      }
      const handled: RecordedEvent[] = []
      const checkpoints = createMemoryCheckpointStore()
      const result = await catchUp({
        store,
        checkpoints,
        name: 'paging',
        batchSize: pageSize,
        handle: async (event) => {
          handled.push(event)
        },
      })
      expect(numbers(handled)).toEqual(ALL)
      expect(result.processed).toBe(10)
      expect(await checkpoints.load('paging')).toEqual(handled.at(-1)!.position)
    })
  }
})

describe("the audit's whole-log read ends on an empty page, not a short one", () => {
  /** A store whose pages are short although more follows (as a store that filters may return). */
  const shortPages =
    (events: readonly RecordedEvent[]) =>
    (options: ReadAllOptions = {}) => {
      const after = options.after
      const rest = events.filter(
        (event) => after === undefined || comparePositions(event.position, after) > 0,
      )
      return Promise.resolve(rest.slice(0, Math.min(1, options.maxCount ?? 1)))
    }
  const recorded = (n: number): RecordedEvent => ({
    id: `e-${n}`,
    streamId: `s-${n}`,
    type: 'T',
    revision: 0n,
    position: { commit: BigInt(n * 10), prepare: BigInt(n * 10) },
    data: { n },
    metadata: {} as RecordedEvent['metadata'],
  })
  const events = ALL.map(recorded)

  it('readWholeLog reads past short pages', async () => {
    const seen: RecordedEvent[] = []
    for await (const event of readWholeLog({ readAll: shortPages(events), readStream: async () => [] }, 5)) {
      seen.push(event)
    }
    expect(numbers(seen)).toEqual(ALL)
  })
})
