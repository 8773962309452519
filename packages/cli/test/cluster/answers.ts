import type { SqlClient } from '@imtahan/adapters'
import { sessionStreamId } from '@imtahan/domain'
import { missingAnswers } from '../../src/bench/http-load.js'
import { call } from './http.js'
import { type Member, writeWithRetries } from './load.js'
import { CLOSED_TASKS, EXAM, sessionIdOf } from './sitting.js'

const LETTERS = ['A', 'B', 'C', 'D'] as const

/**
 * One member's answering during the load: its tasks in turn, each answer
 * different from the one before on that task (an unchanged answer records
 * nothing), sent one at a time so the order acknowledged is the order recorded.
 */
export type Answering = {
  readonly member: Member
  /** [candidate 0, task id, letter] per 2xx answer, in the order sent. */
  readonly acknowledged: (readonly [number, string, string])[]
  turn: number
  readonly visits: Map<string, number>
  /** Answers not acknowledged, by status or error code, for a failing test to show. */
  readonly refused: Record<string, number>
}

export const answering = (member: Member): Answering => ({
  member,
  acknowledged: [],
  turn: 0,
  visits: new Map(),
  refused: {},
})

/** EXM-15: `PUT` one answer, retried on the next process if the one asked dies (a PUT of the same answer is harmless twice). */
export const answerNext = async (urls: () => readonly string[], state: Answering) => {
  const taskId = CLOSED_TASKS[state.turn++ % CLOSED_TASKS.length]!
  const visit = state.visits.get(taskId) ?? 0
  state.visits.set(taskId, visit + 1)
  const answer = LETTERS[visit % LETTERS.length]!
  const sent = await writeWithRetries(urls, (url) =>
    call(url, 'PUT', `/me/exams/${EXAM}/answers/${taskId}`, {
      token: state.member.token,
      body: { answer },
    }),
  )
  if (sent?.status === 200) state.acknowledged.push([0, taskId, answer])
  else {
    const why = sent === undefined ? 'no answer' : `${sent.status} ${sent.json?.code ?? ''}`
    state.refused[why] = (state.refused[why] ?? 0) + 1
  }
}

/**
 * Checks one member's session stream: how many acknowledged answers are not
 * in it (in the order sent), and the tasks whose last recorded answer is not
 * the last acknowledged one.
 */
export const checkAnswers = async (sql: SqlClient, schema: string, state: Answering) => {
  const rows = await sql.query<{ data: { taskId: string; answer: string } }>(
    `select data from "${schema}".events where stream_id = $1 and type = 'TaskAnswered' order by revision`,
    [sessionStreamId(sessionIdOf(state.member))],
  )
  const stored = rows.map((row) => (typeof row.data === 'string' ? JSON.parse(row.data) : row.data))
  const lastStored = new Map(stored.map((event) => [event.taskId, event.answer]))
  const lastAcknowledged = new Map(state.acknowledged.map(([, taskId, answer]) => [taskId, answer]))
  const lastDiffer = [...lastAcknowledged].filter(([taskId, answer]) => lastStored.get(taskId) !== answer)
  return { missing: missingAnswers(stored, state.acknowledged), lastDiffer, recorded: stored.length }
}
