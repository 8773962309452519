import {
  type ReadAllOptions,
  type RecordedEvent,
  START,
  type SubscribeOptions,
  type Subscription,
} from './port.js'

export type PollingConfig = {
  /** How long to wait for new events when caught up, unless woken earlier. */
  readonly intervalMs?: number
  /** Events read per round trip while catching up. */
  readonly batchSize?: number
}

/** Lets a store wake its subscribers after an append in the same process. */
export type Waker = {
  readonly notify: () => void
  readonly listen: (listener: () => void) => () => void
}

export const createWaker = (): Waker => {
  const listeners = new Set<() => void>()
  return {
    notify: () => {
      for (const listener of listeners) listener()
    },
    listen: (listener) => {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  }
}

/**
 * subscribeToAll for stores that can read their log after a position:
 * catch up in batches, then poll (woken early by appends in this process).
 * Events go to the handler one at a time, in global order; the next is not
 * read before the handler's promise settles.
 *
 * A failed read is reported to `onError` and retried after the interval (a
 * database restart must not end a subscription). A failing handler is
 * reported and ends the subscription: skipping the event would lose it, and
 * retrying it for ever would hide the fault; the caller restarts from its
 * checkpoint.
 */
export const pollingSubscription = (
  readAll: (options: ReadAllOptions) => Promise<readonly RecordedEvent[]>,
  options: SubscribeOptions,
  waker: Waker,
  config: PollingConfig = {},
): Subscription => {
  const intervalMs = config.intervalMs ?? 100
  const batchSize = config.batchSize ?? 500
  const report = options.onError ?? (() => {})
  let running = true
  let pending = false
  let wakeSleeper: (() => void) | undefined
  const stopListening = waker.listen(() => {
    pending = true
    wakeSleeper?.()
  })
  const sleep = () =>
    new Promise<void>((resolve) => {
      if (pending || !running) return resolve()
      const done = () => {
        clearTimeout(timer)
        wakeSleeper = undefined
        resolve()
      }
      const timer = setTimeout(done, intervalMs)
      wakeSleeper = done
    })
  const loop = async () => {
    let checkpoint = options.after ?? START
    while (running) {
      pending = false
      let batch: readonly RecordedEvent[]
      try {
        batch = await readAll({ after: checkpoint, maxCount: batchSize })
      } catch (error) {
        report(error)
        await sleep()
        continue
      }
      for (const event of batch) {
        if (!running) return
        try {
          await options.onEvent(event)
        } catch (error) {
          report(error)
          running = false
          return
        }
        checkpoint = event.position
      }
      if (batch.length < batchSize) {
        try {
          await options.onCaughtUp?.()
        } catch (error) {
          report(error)
          running = false
          return
        }
        await sleep()
      }
    }
  }
  const done = loop().finally(stopListening)
  return {
    stop: async () => {
      running = false
      wakeSleeper?.()
      await done
    },
  }
}
