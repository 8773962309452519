/**
 * How long to wait before re-deciding after a conflict: 1 ms, then doubling
 * up to 50 ms, each with jitter (half to full). Racing writers that all lost
 * to one winner would otherwise re-read and collide again in lock-step; a
 * short random pause spreads them out without adding noticeable latency.
 */
export const conflictBackoffMs = (attempt: number, random: () => number = Math.random): number => {
  const ceiling = Math.min(50, 2 ** attempt)
  return ceiling * (0.5 + random() / 2)
}

export const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))
