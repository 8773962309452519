/** A one-at-a-time gate: concurrent readers wait for one catch-up instead of each doing it. */
export const serialised = () => {
  let tail: Promise<unknown> = Promise.resolve()
  return <T>(work: () => Promise<T>): Promise<T> => {
    const run = tail.then(work, work)
    tail = run.catch(() => {})
    return run
  }
}
