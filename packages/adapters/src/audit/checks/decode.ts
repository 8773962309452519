import { foldCheck } from '../check.js'
import { type Finding, locate } from '../finding.js'

/**
 * Every event reads with its stream category's codec (the same codecs the
 * application decodes with). An event that does not would stop every replay
 * of its stream; an unknown type or category is data nobody can interpret.
 */
export const decodeCheck = foldCheck({
  name: 'decode',
  title: 'Every event is of a known type for its stream category and its data passes that type’s codec',
  initial: () => ({ findings: [] as Finding[], decoded: 0, byCategory: new Map<string, number>() }),
  step: (state, { recorded, decoded }) => {
    const at = locate(recorded)
    const where = `${recorded.streamId}@${recorded.revision}`
    switch (decoded.kind) {
      case 'decoded':
        state.decoded += 1
        state.byCategory.set(decoded.category, (state.byCategory.get(decoded.category) ?? 0) + 1)
        break
      case 'unknown-category':
        state.findings.push({
          check: 'decode',
          problem: 'unknown-category',
          ...at,
          message: `${where}: stream category unknown to this audit (event type ${recorded.type})`,
        })
        break
      case 'unknown-type':
        state.findings.push({
          check: 'decode',
          problem: 'unknown-type',
          ...at,
          message: `${where}: ${recorded.type} is not an event type of ${decoded.category} streams`,
        })
        break
      case 'invalid':
        state.findings.push({
          check: 'decode',
          problem: 'undecodable',
          ...at,
          message: `${where}: ${recorded.type} fails its codec at ${decoded.fields.join(', ')}`,
        })
    }
    return state
  },
  finish: ({ findings, decoded, byCategory }) => ({
    findings,
    totals: {
      decoded,
      ...Object.fromEntries(
        [...byCategory].sort(([a], [b]) => a.localeCompare(b)).map(([k, n]) => [`events.${k}`, n]),
      ),
    },
  }),
})
