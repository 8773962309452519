import { hashEvent } from '../../store/hash-chain.js'
import type { RecordedEvent } from '../../store/port.js'
import { foldCheck } from '../check.js'
import { type Finding, locate } from '../finding.js'

/** Revisions reported missing, so one that turns up later is named as reordered rather than inserted. */
type Gap = { from: bigint; to: bigint }
type Cursor = { nextRevision: bigint; previousHash: string | null; gaps: Gap[] }

const fillGap = (gaps: Gap[], revision: bigint): boolean => {
  const index = gaps.findIndex((gap) => gap.from <= revision && revision <= gap.to)
  if (index < 0) return false
  const gap = gaps[index]!
  const rest = [
    ...(gap.from < revision ? [{ from: gap.from, to: revision - 1n }] : []),
    ...(revision < gap.to ? [{ from: revision + 1n, to: gap.to }] : []),
  ]
  gaps.splice(index, 1, ...rest)
  return true
}

/**
 * `verifyChain` (store/hash-chain.ts) one event at a time, so the audit can
 * stream a log of any length: the same hash (`hashEvent`) and the same
 * classification — changed, missing, inserted — plus `reordered` for an event
 * that arrives after a later revision of its stream. Unlike `verifyChain`, a
 * late event does not move the chain on, so the event after a swapped pair is
 * not blamed too. A test holds the two to the same broken streams.
 */
export const chainStep = (cursors: Map<string, Cursor>, event: RecordedEvent): Finding[] => {
  const { streamId, revision, metadata } = event
  const cursor = cursors.get(streamId) ?? { nextRevision: 0n, previousHash: null, gaps: [] }
  const findings: Finding[] = []
  const report = (problem: string, message: string, at = event.revision) =>
    findings.push({
      check: 'hash-chain',
      problem,
      ...locate(event),
      revision: at.toString(),
      message: `${streamId}@${at}: ${message}`,
    })
  let linkChecked = false
  if (revision > cursor.nextRevision) {
    const last = revision - 1n
    const range =
      last === cursor.nextRevision ? `revision ${last} is` : `revisions ${cursor.nextRevision}..${last} are`
    report(
      'missing',
      `${range} missing before revision ${revision} (removed from the log)`,
      cursor.nextRevision,
    )
    cursor.gaps.push({ from: cursor.nextRevision, to: last })
    linkChecked = true
  } else if (revision < cursor.nextRevision) {
    if (fillGap(cursor.gaps, revision))
      report('reordered', `arrives after revision ${cursor.nextRevision - 1n} in global order`)
    else report('inserted', `revision ${revision} appears again after revision ${cursor.nextRevision - 1n}`)
    linkChecked = true
  }
  const expected = hashEvent({ ...metadata, ...event, previousHash: metadata.previousHash })
  if (expected !== metadata.hash) report('changed', 'content does not match its recorded hash')
  else if (!linkChecked && metadata.previousHash !== cursor.previousHash)
    report('inserted', 'previousHash does not match the hash of the event before it')
  // A late or repeated revision does not move the chain on: the next event must link to the newest one.
  if (revision >= cursor.nextRevision)
    cursors.set(streamId, { nextRevision: revision + 1n, previousHash: metadata.hash, gaps: cursor.gaps })
  else cursors.set(streamId, cursor)
  return findings
}

export const hashChainCheck = foldCheck({
  name: 'hash-chain',
  title:
    'Every stream is an unbroken hash chain from revision 0: no event changed, removed, inserted or reordered',
  initial: () => ({ cursors: new Map<string, Cursor>(), findings: [] as Finding[], streams: 0, events: 0 }),
  step: (state, { recorded }) => {
    if (!state.cursors.has(recorded.streamId)) state.streams += 1
    state.events += 1
    state.findings.push(...chainStep(state.cursors, recorded))
    return state
  },
  finish: ({ findings, streams, events }) => ({
    findings,
    totals: { streams, events, broken: new Set(findings.map((finding) => finding.streamId)).size },
  }),
})
