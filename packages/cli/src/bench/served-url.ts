import type { ChildProcess } from 'node:child_process'

/**
 * The URL a starting `imtahan serve` child prints on stderr once it listens
 * (`imtahan API: <url>`); rejects with what it printed if it exits first.
 * The child must have been spawned with stderr piped.
 */
export const servedUrl = (child: ChildProcess): Promise<string> =>
  new Promise<string>((resolve, reject) => {
    let stderr = ''
    child.stderr?.on('data', (chunk) => {
      stderr += chunk
      const found = /imtahan API: (\S+)/.exec(stderr)?.[1]
      if (found !== undefined) resolve(found)
    })
    child.once('exit', (code) => reject(new Error(`imtahan serve exited with ${code}:\n${stderr}`)))
  })

/**
 * Polls `GET {url}/health/ready` every `everyMs` until it answers 200 (a
 * refused connection counts as not yet); fails when the child exits first
 * or `withinMs` passes. The one readiness wait of the bench's serve children.
 */
export const untilReady = async (
  url: string,
  child: ChildProcess,
  { everyMs, withinMs = Number.POSITIVE_INFINITY }: { readonly everyMs: number; readonly withinMs?: number },
): Promise<void> => {
  const deadline = performance.now() + withinMs
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`imtahan serve exited (${child.exitCode ?? child.signalCode}) before it was ready`)
    const answer = await fetch(`${url}/health/ready`).catch(() => undefined)
    await answer?.arrayBuffer()
    if (answer?.status === 200) return
    if (performance.now() > deadline)
      throw new Error(`GET /health/ready still answers ${answer?.status ?? 'nothing'} after ${withinMs} ms`)
    await new Promise((resolve) => setTimeout(resolve, everyMs))
  }
}
