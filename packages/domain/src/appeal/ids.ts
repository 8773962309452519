/**
 * APL-3 under concurrency. An appeal's id is derived, never chosen:
 * `<sessionId>:appeal-<n>`, the n-th appeal of that session, in its own
 * stream `appeal-<appealId>`. Filing appeal n is a no-stream append, and the
 * decider files it only when appeals 1…n−1 are all decided (passed in the
 * context as `earlier`). So:
 *
 * - two candidates' tabs filing at once both aim at the same n and the store
 *   lets exactly one through (the other reloads and meets `appeal.already_open`);
 * - appeal n+1 can only exist after appeal n was decided, and a decision is
 *   never undone, so at most one appeal of a session is open at any time —
 *   whatever the interleaving, with per-stream optimistic concurrency only.
 *
 * A stale `earlier` (a projection behind the log) can only be too short: the
 * append then hits an existing stream and the command is retried on it.
 */
export const appealIdOf = (sessionId: string, sequence: number): string => `${sessionId}:appeal-${sequence}`

export const appealStreamId = (appealId: string): string => `appeal-${appealId}`

const PATTERN = /^(.+):appeal-([1-9][0-9]*)$/

/** The session and sequence an appeal id names, or undefined for an id that was not derived. */
export const parseAppealId = (
  appealId: string,
): { readonly sessionId: string; readonly sequence: number } | undefined => {
  const match = PATTERN.exec(appealId)
  return match === null ? undefined : { sessionId: match[1] as string, sequence: Number(match[2]) }
}

/** The id the next appeal of a session gets, given its earlier appeals in order. */
export const nextAppealId = (sessionId: string, earlier: readonly unknown[]): string =>
  appealIdOf(sessionId, earlier.length + 1)

/** The session's revision that applies an appeal's corrections: one per appeal and authority. */
export const appealRevisionIdOf = (appealId: string, by: 'commission' | 'court'): string =>
  `${appealId}:${by}`

/** The cabinet of a session: session ids are `<examId>.<cabinetId>` and exam ids hold no dot. */
export const cabinetIdOfSession = (sessionId: string): string => sessionId.slice(sessionId.indexOf('.') + 1)
