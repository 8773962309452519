import {
  decodeRecorded,
  type EventLog,
  EXAM,
  EXAM_PREFIX,
  type Position,
  readWholeLog,
  SESSION,
  SESSION_PREFIX,
} from '@imtahan/adapters'
import {
  type ExamEvent,
  type ExamState,
  emptySittingResults,
  evolveSittingResults,
  examDecider,
  examIdOfSession,
  examSessionDecider,
  initialSessionState,
  type SessionState,
  type SittingResults,
} from '@imtahan/domain'

/**
 * What `imtahan rescore` needs of the log, folded with the product's own
 * code: per sitting its Exam state (forms, keys, reviews in the board's
 * order) and its results projection (`evolveSittingResults`), per finished
 * session its state from `SessionEnded` on — the very state the re-score
 * path decides on (`seedTail` in adapters/exam/rescore.ts), so a dry run
 * decides exactly what `--apply` will.
 */
export type Ledger = {
  readonly exams: Map<string, ExamState>
  readonly results: Map<string, SittingResults>
  /** Finished sessions only, folded from their end (self-contained, docs/decisions.md). */
  readonly tails: Map<string, SessionState>
  /** The last event read: what `--apply` records comes after it. */
  head: Position | undefined
  events: number
}

/**
 * Answers before the end are never needed: `SessionEnded` carries the final
 * answer sheet. Skipping them spares decoding a hundred events per candidate.
 */
const KEYSTROKES = new Set(['TaskAnswered', 'AnswerCleared'])

const foldSession = (ledger: Ledger, sessionId: string, recorded: Parameters<typeof decodeRecorded>[1]) => {
  const tail = ledger.tails.get(sessionId)
  if (tail === undefined && KEYSTROKES.has(recorded.type)) return
  const event = decodeRecorded(SESSION.codec, recorded)
  if (event.type === 'SessionEnded')
    ledger.tails.set(sessionId, examSessionDecider.evolve(initialSessionState, event))
  else if (tail !== undefined) ledger.tails.set(sessionId, examSessionDecider.evolve(tail, event))
  const examId = examIdOfSession(sessionId)
  ledger.results.set(examId, evolveSittingResults(ledger.results.get(examId) ?? emptySittingResults, event))
}

const foldExam = (ledger: Ledger, recorded: Parameters<typeof decodeRecorded>[1]) => {
  const event: ExamEvent = decodeRecorded(EXAM.codec, recorded)
  const { examId } = event
  ledger.exams.set(examId, examDecider.evolve(ledger.exams.get(examId) ?? examDecider.initialState, event))
  ledger.results.set(examId, evolveSittingResults(ledger.results.get(examId) ?? emptySittingResults, event))
}

/** Reads the whole log once, in global order; other streams (cabinets, wallets, appeals) are passed over. */
export const readLedger = async (log: EventLog): Promise<Ledger> => {
  const ledger: Ledger = {
    exams: new Map(),
    results: new Map(),
    tails: new Map(),
    head: undefined,
    events: 0,
  }
  for await (const recorded of readWholeLog(log)) {
    ledger.head = recorded.position
    ledger.events += 1
    // `examsession-` also starts with `exam`: test it first (as streams.ts does).
    if (recorded.streamId.startsWith(SESSION_PREFIX))
      foldSession(ledger, recorded.streamId.slice(SESSION_PREFIX.length), recorded)
    else if (recorded.streamId.startsWith(EXAM_PREFIX)) foldExam(ledger, recorded)
  }
  return ledger
}
