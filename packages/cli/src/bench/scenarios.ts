import { randomUUID } from 'node:crypto'
import type { EventStore, NewEvent } from '@imtahan/adapters'

/** How long one scenario may run, and how much it does at most. */
export type Budget = { readonly milliseconds: number; readonly operations: number }

export type Measured = { readonly events: number; readonly seconds: number }

const newEvent = (index: number): NewEvent => ({
  id: randomUUID(),
  type: 'BenchmarkRecorded',
  data: { index, candidate: 'cabinet-10000016', amount: '12.50', answers: ['A', 'C', 'B', 'D'] },
})

/**
 * Runs `writers` loops side by side until the budget's time or operation count
 * is spent; each operation reports how many events it moved.
 */
const race = async (
  writers: number,
  budget: Budget,
  operation: (writer: number, iteration: number) => Promise<number>,
): Promise<Measured> => {
  const started = performance.now()
  const deadline = started + budget.milliseconds
  let operations = 0
  let events = 0
  await Promise.all(
    Array.from({ length: writers }, async (_, writer) => {
      for (let iteration = 0; operations < budget.operations && performance.now() < deadline; iteration++) {
        operations++
        // Not `events += await …`: that reads `events` before the await and loses the other writers' counts.
        const moved = await operation(writer, iteration)
        events += moved
      }
    }),
  )
  return { events, seconds: (performance.now() - started) / 1000 }
}

/** One-event appends, each writer on its own stream with the exact expected revision (as a command handler does). */
export const singleAppends = (store: EventStore, writers: number, budget: Budget) => {
  const streams = Array.from({ length: writers }, () => `bench-single-${randomUUID()}`)
  return race(writers, budget, async (writer, iteration) => {
    const expected = iteration === 0 ? 'no_stream' : BigInt(iteration - 1)
    await store.appendToStream(streams[writer]!, [newEvent(iteration)], expected)
    return 1
  })
}

/** Appends of `size` events at once, each to a new stream. */
export const batchAppends = (store: EventStore, size: number, budget: Budget) =>
  race(1, budget, async () => {
    const events = Array.from({ length: size }, (_, index) => newEvent(index))
    await store.appendToStream(`bench-batch-${randomUUID()}`, events, 'no_stream')
    return size
  })

/** Whole-stream reads of one stream of `length` events, as loading an aggregate does. */
export const streamReads = async (store: EventStore, length: number, budget: Budget) => {
  const stream = `bench-read-${randomUUID()}`
  await store.appendToStream(
    stream,
    Array.from({ length }, (_, index) => newEvent(index)),
    'no_stream',
  )
  return race(1, budget, async () => (await store.readStream(stream)).length)
}

/** Reading the global log from the start in pages, as a projection catching up does. */
export const logReads = (store: EventStore, page: number, budget: Budget) =>
  race(1, budget, async () => {
    let read = 0
    let batch = await store.readAll({ maxCount: page })
    while (batch.length > 0 && read < budget.operations * page) {
      read += batch.length
      batch = await store.readAll({ after: batch.at(-1)!.position, maxCount: page })
    }
    return read
  })
