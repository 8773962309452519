import type { AuditCheck, ChainHead } from '../check.js'
import type { Finding } from '../finding.js'

const finding = (streamId: string, revision: bigint, problem: string, message: string): Finding => ({
  check: 'stream-heads',
  problem,
  streamId,
  revision: revision.toString(),
  message: `${streamId}@${revision}: ${message}`,
})

/**
 * Projection equality for the one projection a SQL store keeps on disk: the
 * `streams` table (each stream's last revision and hash), which every append
 * moves in the same statement as it inserts the events. Rebuilt from the
 * events it must equal the stored one. This is what catches what a hash chain
 * cannot: the last events of a stream deleted, or well-forged events added
 * at its end without moving the head.
 */
export const compareHeads = (
  rebuilt: ReadonlyMap<string, ChainHead>,
  stored: ReadonlyMap<string, ChainHead>,
): Finding[] => {
  const findings: Finding[] = []
  for (const [streamId, head] of rebuilt) {
    const kept = stored.get(streamId)
    if (kept === undefined)
      findings.push(
        finding(streamId, head.revision, 'no-stored-head', 'stream has events but no stored head'),
      )
    else if (head.revision > kept.revision)
      findings.push(
        finding(
          streamId,
          kept.revision + 1n,
          'beyond-head',
          `events after the stored head (revision ${kept.revision})`,
        ),
      )
    else if (head.revision < kept.revision)
      findings.push(
        finding(
          streamId,
          head.revision + 1n,
          'missing-tail',
          `stored head is revision ${kept.revision}, the log ends at ${head.revision}: events removed ` +
            '(or appended while the audit ran — audit a store nobody writes to)',
        ),
      )
    else if (head.hash !== kept.hash)
      findings.push(
        finding(streamId, head.revision, 'head-hash', 'last event’s hash differs from the stored head'),
      )
  }
  for (const [streamId, kept] of stored)
    if (!rebuilt.has(streamId))
      findings.push(
        finding(streamId, 0n, 'missing-stream', `stored head at revision ${kept.revision}, no events at all`),
      )
  return findings
}

export const streamHeadsCheck: AuditCheck = {
  name: 'stream-heads',
  title: 'Projection equality: stream heads rebuilt from the events equal the heads the store keeps',
  start: () => ({
    step: () => {},
    finish: ({ rebuiltHeads, storedHeads }) =>
      storedHeads === undefined
        ? { findings: [], totals: {}, skipped: 'this source keeps no stream heads beside the events' }
        : {
            findings: compareHeads(rebuiltHeads, storedHeads),
            totals: { rebuilt: rebuiltHeads.size, stored: storedHeads.size },
          },
  }),
}
