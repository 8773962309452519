import { randomUUID } from 'node:crypto'
import {
  type Call,
  createDevSmsSender,
  createFinFingerprint,
  createFixtureRegistry,
  createHmacCodeHasher,
  createImtahan,
  createScryptPasswordHasher,
  createTestClock,
  decodeRecorded,
  type EventStore,
  EXAM,
  encodeEvent,
  type NewEvent,
  type ReadModelStorage,
  SESSION,
  type StreamAppend,
} from '@imtahan/adapters'
import { examDecider, examSessionDecider } from '@imtahan/domain'
import * as E from 'fp-ts/lib/Either.js'
import { inParallel } from '../demo/steps.js'
import { type BenchSitting, benchSitting } from './exam-data.js'
import type { Budget, Measured } from './scenarios.js'

const board: Call = { caller: { kind: 'board' } }
const EXAM_BATCH = 1_000
const WRITERS = 8

const encoded = <Ev>(codec: typeof EXAM.codec | typeof SESSION.codec, events: readonly Ev[]): NewEvent[] =>
  events.map((event) => ({ id: randomUUID(), ...encodeEvent(codec as never, event) }))

/** Sessions per multi-stream append when seeding: ~100 events each, so ~5,000 events a statement. */
const SEED_SESSIONS_PER_APPEND = 50

/**
 * Writes a sitting and its sessions as the product would have: the sitting's
 * stream in batches, the sessions' streams 50 to a multi-stream append, 8
 * appends at a time (100,000 sessions are 10 million events). Only for
 * seeding a benchmark — the product appends per decision.
 */
export const seedSitting = async (store: EventStore, sitting: BenchSitting): Promise<Measured> => {
  const started = performance.now()
  const stream = EXAM.streamOf(sitting.examId)
  let events = 0
  for (let from = 0; from < sitting.examEvents.length; from += EXAM_BATCH) {
    const batch = encoded(EXAM.codec, sitting.examEvents.slice(from, from + EXAM_BATCH))
    await store.appendToStream(stream, batch, from === 0 ? 'no_stream' : BigInt(from - 1))
    events += batch.length
  }
  const pending: StreamAppend[][] = []
  let group: StreamAppend[] = []
  const flush = async () => {
    await inParallel(pending.splice(0), WRITERS, async (appends) => {
      for (const outcome of await store.appendToStreams(appends))
        if (!outcome.ok) throw new Error(`seeding ${outcome.streamId}: ${outcome.error.message}`)
      events += appends.reduce((sum, append) => sum + append.events.length, 0)
    })
  }
  for (const session of sitting.sessions()) {
    const streamId = SESSION.streamOf(session.sessionId)
    group.push({ streamId, events: encoded(SESSION.codec, session.events), expected: 'no_stream' })
    if (group.length < SEED_SESSIONS_PER_APPEND) continue
    pending.push(group)
    group = []
    if (pending.length >= WRITERS * 4) await flush()
  }
  if (group.length > 0) pending.push(group)
  await flush()
  return { events, seconds: (performance.now() - started) / 1000 }
}

const loop = async (budget: Budget, operation: () => Promise<number>): Promise<Measured> => {
  const started = performance.now()
  const deadline = started + budget.milliseconds
  let loads = 0
  for (; loads < budget.operations && performance.now() < deadline; loads++) await operation()
  return { events: loads, seconds: (performance.now() - started) / 1000 }
}

/**
 * Aggregate load as a command handler does it without a cache: read the
 * whole stream, decode every event, fold. A session of ~100 answers; a
 * sitting of 300 candidates (its definition carries one form and key, then one seat per candidate).
 */
export const aggregateLoads = async (store: EventStore, budget: Budget) => {
  const sitting = benchSitting(300, 'AA', 5)
  await seedSitting(store, {
    ...sitting,
    sessions: function* () {
      const first = sitting.sessions().next()
      if (first.done !== true) yield first.value
    },
  })
  const sessionId = sitting.sessions().next().value!.sessionId
  const sessionStream = SESSION.streamOf(sessionId)
  const examStream = EXAM.streamOf(sitting.examId)
  const sessionLength = (await store.readStream(sessionStream)).length
  const session = await loop(budget, async () => {
    const recorded = await store.readStream(sessionStream)
    let state = examSessionDecider.initialState
    for (const event of recorded)
      state = examSessionDecider.evolve(state, decodeRecorded(SESSION.codec, event))
    return state.status === 'none' ? 0 : 1
  })
  const exam = await loop(budget, async () => {
    const recorded = await store.readStream(examStream)
    let state = examDecider.initialState
    for (const event of recorded) state = examDecider.evolve(state, decodeRecorded(EXAM.codec, event))
    return state.definition === undefined ? 0 : 1
  })
  return { session, sessionLength, exam, examLength: sitting.examEvents.length }
}

export type RescoreFigures = {
  readonly seed: Measured
  /** The results view built from the whole log, as a server's first start on it builds it (persisted afterwards). */
  readonly catchUp: Measured
  /** `board.recordReview` → decision, re-score of every changed session, answer. */
  readonly rescore: Measured
  /** CPU seconds of this process during the re-score: the machine may be shared, the wall clock inflated. */
  readonly rescoreCpuSeconds: number
  /** The board's next read of the sitting: the results view folds the revisions (the re-score leaves that to readers). */
  readonly after: Measured
  readonly sessions: number
}

/**
 * SCO-5 at scale through the product's real path: `imtahan.exams.board.recordReview`
 * (the use case HTTP calls), which records the review and re-scores every
 * finished session it changes from the results projection and each
 * session's `SessionEnded` on — never the answers one by one.
 */
export const rescoreAfterReview = async (
  store: EventStore,
  readModels: ReadModelStorage | undefined,
  sessions: number,
): Promise<RescoreFigures> => {
  const sitting = benchSitting(sessions)
  const seed = await seedSitting(store, sitting)
  const clock = createTestClock(sitting.after)
  const app = createImtahan({
    store,
    ...(readModels === undefined ? {} : { readModels }),
    registry: createFixtureRegistry(),
    sms: createDevSmsSender(),
    passwordHasher: createScryptPasswordHasher({ N: 2 ** 10, r: 8, p: 1 }),
    codeHasher: createHmacCodeHasher('bench code secret, 32 bytes long!'),
    finFingerprint: createFinFingerprint('bench FIN secret, 32 bytes long!!'),
    clock,
  })
  // A running server keeps the results view current (in its database); build it as the first start does,
  // and time that apart.
  let started = performance.now()
  // Checked and dropped here: a server answers the board's read and forgets it, so 10,000 rows must not
  // stay in this process's old generation (every major GC of the timed part would mark them again).
  const catchUpFailure = await app.exams.board
    .sitting(sitting.examId, board)
    .then((read) => (E.isLeft(read) ? read.left.message : undefined))
  if (catchUpFailure !== undefined) throw new Error(catchUpFailure)
  const catchUp = { events: seed.events, seconds: (performance.now() - started) / 1000 }
  started = performance.now()
  const cpu = process.cpuUsage()
  const answer = await app.exams.board.recordReview(
    sitting.examId,
    { review: sitting.review, by: 'bench' },
    board,
  )
  const seconds = (performance.now() - started) / 1000
  const used = process.cpuUsage(cpu)
  const rescoreCpuSeconds = (used.user + used.system) / 1e6
  if (E.isLeft(answer)) throw new Error(answer.left.message)
  if (!answer.right.complete) throw new Error('the re-score did not complete')
  // Count the ScoreRevised the store now holds, through the board's view (timed apart).
  started = performance.now()
  const after = await app.exams.board.sitting(sitting.examId, board)
  const afterSeconds = (performance.now() - started) / 1000
  if (E.isLeft(after)) throw new Error(after.left.message)
  const revised = after.right.results.filter((row) =>
    row.revisions.some((revision) => revision.reviewId === sitting.review.reviewId),
  ).length
  if (revised !== answer.right.revised)
    throw new Error(`re-score said ${answer.right.revised} revisions, the store holds ${revised}`)
  return {
    seed,
    catchUp,
    rescore: { events: revised, seconds },
    rescoreCpuSeconds,
    after: { events: revised, seconds: afterSeconds },
    sessions,
  }
}
