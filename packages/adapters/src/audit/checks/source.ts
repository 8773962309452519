import { comparePositions, type Position } from '../../store/port.js'
import { foldCheck } from '../check.js'
import { type Finding, locate, positionJson } from '../finding.js'

/**
 * The log as delivered: strictly increasing global positions (a reordered or
 * duplicated line in an export shows here) and, for a file, every line
 * readable. (A copied event is the hash chain's business.) Without this an audit of a damaged file could pass by skipping.
 */
export const sourceCheck = foldCheck({
  name: 'source',
  title: 'The log reads completely, in strictly increasing global position',
  initial: () => ({ last: undefined as Position | undefined, findings: [] as Finding[] }),
  step: (state, { recorded }) => {
    if (state.last !== undefined && comparePositions(recorded.position, state.last) <= 0)
      state.findings.push({
        check: 'source',
        problem: 'out-of-order',
        ...locate(recorded),
        message: `${recorded.streamId}@${recorded.revision}: position ${positionText(recorded.position)} does not follow ${positionText(state.last)}`,
      })
    state.last = recorded.position
    return state
  },
  finish: (state, { sourceFindings }) => ({
    findings: [...sourceFindings, ...state.findings],
    totals: { unreadable: sourceFindings.length },
  }),
})

const positionText = (position: Position) => {
  const { commit, prepare } = positionJson(position)
  return `${commit}/${prepare}`
}
