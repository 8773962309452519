import type { AuditProgress } from '@imtahan/adapters'

const count = (n: number) => n.toLocaleString('en-US')

/**
 * Progress on stderr: a redrawn bar on a terminal; otherwise a plain line
 * every few seconds (and at the end), which reads well in a CI log.
 */
export const progressReporter = (
  stderr: { write(text: string): unknown; readonly isTTY?: boolean },
  now: () => number = Date.now,
) => {
  const tty = stderr.isTTY === true
  let last = 0
  return ({ seen, total, done }: AuditProgress) => {
    const time = now()
    if (!done && time - last < (tty ? 100 : 5000)) return
    last = time
    const share = total === undefined || total === 0 ? undefined : Math.min(1, seen / total)
    const of = total === undefined ? '' : ` / ${count(total)}`
    if (tty) {
      const width = 30
      const filled = share === undefined ? 0 : Math.round(share * width)
      const bar =
        share === undefined
          ? ''
          : `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${Math.round(share * 100)}% `
      stderr.write(`\r${bar}${count(seen)}${of} events${done ? '\n' : ''}`)
    } else stderr.write(`audit: ${count(seen)}${of} events${done ? ' replayed' : ''}\n`)
  }
}
