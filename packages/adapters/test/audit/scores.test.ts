import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  type AuditReport,
  type AuditSource,
  logAuditSource,
  openSqlEventLog,
  runAudit,
  sqlAuditSource,
} from '../../src/audit/index.js'
import { hashEvent } from '../../src/store/hash-chain.js'
import { createMemoryEventStore } from '../../src/store/memory.js'
import type { RecordedEvent } from '../../src/store/port.js'
import { poolSqlClient } from '../../src/store/postgres/client.js'
import { createPostgresEventStore } from '../../src/store/postgres/index.js'
import { DATABASE_URL, dropSchema, freshSchemaName, skipWithoutDatabase } from '../store/pg-support.js'
import { buildExamHistory, type Candidate, streamOf } from './exam-history.js'

type Data = Record<string, unknown> & { result?: { total: { points: number }; passed: boolean } }

const scores = (report: AuditReport) => report.checks.find((check) => check.name === 'scores')!
const failing = (report: AuditReport) =>
  report.checks.filter((check) => !check.ok && check.skipped === undefined).map((check) => check.name)

/** The event of `who`'s stream of `type` (the `nth` one), as stored. */
const find = (events: readonly RecordedEvent[], who: Candidate, type: string, nth = 0) =>
  events.filter((event) => event.streamId === streamOf(who) && event.type === type)[nth]!

/**
 * An insider's rewrite: one event's data changed and it and every later event
 * of its stream re-hashed, so the chain is consistent and only a check that
 * recomputes the score can tell.
 */
const rewrite = (
  events: readonly RecordedEvent[],
  target: RecordedEvent,
  change: (data: Data) => Data,
): RecordedEvent[] => {
  let previousHash: string | null = null
  return events.map((event) => {
    if (event.streamId !== target.streamId || event.revision < target.revision) return event
    previousHash ??= event.metadata.previousHash
    const data = event === target ? change(structuredClone(event.data) as Data) : event.data
    const hash = hashEvent({ ...event.metadata, ...event, data, previousHash })
    const rewritten = { ...event, data, metadata: { ...event.metadata, previousHash, hash } }
    previousHash = hash
    return rewritten
  })
}

const sourceOf = (events: readonly RecordedEvent[]): AuditSource => ({
  name: 'tampered copy',
  events: async function* () {
    yield* events
  },
})

describe('SCO-7 audit of a real sitting (memory store, built through the domain deciders)', async () => {
  const store = createMemoryEventStore()
  await buildExamHistory(store)
  const events = await store.readAll()
  const clean = await runAudit(logAuditSource(store, 'memory'))

  it('the history is the one intended: reviews flip Murad to PASS, Tural stays FAIL while annulled', () => {
    const revised = (who: Candidate) =>
      events
        .filter((event) => event.streamId === streamOf(who) && event.type === 'ScoreRevised')
        .map((event) => [event.data.oldScore, event.data.newScore, event.data.newPassed])
    expect(revised('leyla')).toEqual([
      [118, 119, true],
      [119, 121, true],
      [122, 123, true],
    ])
    expect(find(events, 'leyla', 'ScoreRevisedOnAppeal').data).toMatchObject({ oldScore: 121, newScore: 122 })
    expect(revised('murad')).toEqual([
      [111, 112, true],
      [112, 113, true],
    ])
    expect(revised('tural')).toEqual([
      [111, 112, false],
      [112, 113, false],
    ])
    expect(revised('aynur')).toEqual([])
    expect(events.some((event) => event.type === 'ResultAnnulled')).toBe(true)
  })

  it('SCO-7/APL-4: an untouched history audits ok — the late re-score keeps the appeal correction — with sessions and revisions counted', () => {
    expect(failing(clean)).toEqual([])
    expect(clean.ok).toBe(true)
    expect(scores(clean)).toMatchObject({
      ok: true,
      title: expect.stringMatching(/^SCO-7: /),
      totals: {
        sittings: 1,
        sittingsPublished: 1,
        sessionsChecked: 4,
        revisionsChecked: 7,
        appealRevisionsChecked: 1,
        mismatches: 0,
        notRescored: 0,
        annulledInForce: 1,
      },
    })
  })

  it('SCO-7: a SessionEnded whose score was edited (chain re-hashed) is named by stream and revision', async () => {
    const ended = find(events, 'aynur', 'SessionEnded')
    const tampered = rewrite(events, ended, (data) => {
      data.result!.total.points += 10
      return data
    })
    const report = await runAudit(sourceOf(tampered))
    expect(failing(report)).toEqual(['scores'])
    expect(scores(report).findings).toEqual([
      expect.objectContaining({
        problem: 'score',
        rule: 'SCO-7',
        streamId: streamOf('aynur'),
        revision: ended.revision.toString(),
        message: expect.stringContaining('recorded score 90, recomputed from the events 80'),
      }),
    ])
    expect(scores(report).totals.mismatches).toBe(1)
  })

  it('SCO-4: an end recorded as PASS below the pass mark is named, and the revisions after it are not blamed', async () => {
    const ended = find(events, 'murad', 'SessionEnded')
    const report = await runAudit(
      sourceOf(rewrite(events, ended, (data) => ({ ...data, result: { ...data.result!, passed: true } }))),
    )
    expect(scores(report).findings).toEqual([
      expect.objectContaining({
        problem: 'pass-fail',
        rule: 'SCO-4',
        streamId: streamOf('murad'),
        revision: ended.revision.toString(),
        message: expect.stringContaining('recorded PASS, but 111 points against pass mark 112 is FAIL'),
      }),
    ])
  })

  it('SCO-7: a ScoreRevised with a wrong new score, forged consistently, is named by stream and revision', async () => {
    const last = find(events, 'leyla', 'ScoreRevised', 1)
    const report = await runAudit(
      sourceOf(
        rewrite(events, last, (data) => {
          data.newScore = 123
          data.result!.total.points = 123
          return data
        }),
      ),
    )
    expect(failing(report)).toEqual(['scores'])
    expect(scores(report).findings).toEqual([
      expect.objectContaining({
        problem: 'score',
        rule: 'SCO-7',
        streamId: streamOf('leyla'),
        revision: last.revision.toString(),
        message: expect.stringContaining('recorded score 123, recomputed from the events 121'),
      }),
    ])
  })

  it('SCO-6: an annulled result recorded as passed after a re-score is named', async () => {
    const revision = find(events, 'tural', 'ScoreRevised')
    const report = await runAudit(
      sourceOf(rewrite(events, revision, (data) => ({ ...data, newPassed: true }))),
    )
    expect(failing(report)).toEqual(['scores'])
    expect(scores(report).findings).toEqual([
      expect.objectContaining({
        problem: 'annulled-passed',
        rule: 'SCO-6',
        streamId: streamOf('tural'),
        revision: revision.revision.toString(),
      }),
    ])
  })

  it('SCO-5: a revision that lowers the score is named (and its false starting point)', async () => {
    const first = find(events, 'leyla', 'ScoreRevised')
    const report = await runAudit(sourceOf(rewrite(events, first, (data) => ({ ...data, oldScore: 125 }))))
    expect(scores(report).findings.map((f) => [f.problem, f.rule, f.revision])).toEqual([
      ['old-score', 'APL-6', first.revision.toString()],
      ['lowered', 'SCO-5', first.revision.toString()],
    ])
  })

  it('SCO-5: a review applied to nobody — the last revision cut off the end of its stream — leaves a stale score', async () => {
    const cut = find(events, 'murad', 'ScoreRevised', 1)
    const report = await runAudit(sourceOf(events.filter((event) => event !== cut)))
    // A cut tail is invisible to the chain on a source without stored heads; the scores say it.
    expect(failing(report)).toEqual(['scores'])
    expect(scores(report).findings).toEqual([
      expect.objectContaining({
        problem: 'not-rescored',
        rule: 'SCO-5',
        streamId: streamOf('murad'),
        message: expect.stringContaining('score in force 112, but under review(s) review-3 it is 113'),
      }),
    ])
  })

  it('APL-4: a re-score on appeal with a forged new score, or a correction of an answer never given, is named', async () => {
    const appeal = find(events, 'leyla', 'ScoreRevisedOnAppeal')
    const forged = await runAudit(
      sourceOf(
        rewrite(events, appeal, (data) => {
          data.newScore = 124
          data.result!.total.points = 124
          return data
        }),
      ),
    )
    expect(failing(forged)).toEqual(['scores'])
    expect(scores(forged).findings).toEqual([
      expect.objectContaining({
        problem: 'score',
        rule: 'SCO-7',
        streamId: streamOf('leyla'),
        revision: appeal.revision.toString(),
        message: expect.stringContaining('recorded score 124, recomputed from the events 122'),
      }),
    ])
    const answer = await runAudit(
      sourceOf(
        rewrite(events, appeal, (data) => ({
          ...data,
          corrections: (data.corrections as Array<Record<string, unknown>>).map((c) => ({
            ...c,
            answer: 'A',
          })),
        })),
      ),
    )
    expect(scores(answer).findings.map((f) => [f.problem, f.rule, f.revision])).toEqual([
      ['correction-answer', 'APL-4', appeal.revision.toString()],
    ])
  })

  it('a score recorded for a sitting missing from the log cannot be recomputed, and says so', async () => {
    const report = await runAudit(sourceOf(events.filter((event) => !event.streamId.startsWith('exam-'))))
    expect(scores(report).totals).toMatchObject({ sessionsChecked: 4, mismatches: 4 })
    expect(new Set(scores(report).findings.map((f) => f.problem))).toEqual(new Set(['no-form']))
  })
})

describe.skipIf(!DATABASE_URL)(
  DATABASE_URL
    ? 'SCO-7 audit on PostgreSQL, a score rewritten behind the product’s back'
    : skipWithoutDatabase,
  () => {
    const schema = freshSchemaName('audit_scores')
    const intruder = new pg.Pool({ connectionString: DATABASE_URL, max: 2 })
    const sql = (text: string, params: unknown[] = []) => intruder.query(text, params)
    const audit = async () =>
      runAudit(sqlAuditSource(await openSqlEventLog(poolSqlClient(intruder, false), schema), schema))

    beforeAll(async () => {
      const store = await createPostgresEventStore({ connectionString: DATABASE_URL!, schema, poolSize: 4 })
      await buildExamHistory(store)
      await store.close()
    })
    afterAll(async () => {
      await intruder.end()
      await dropSchema(schema)
    })

    it('SCO-7: the untouched sitting audits ok, stream heads included', async () => {
      const report = await audit()
      expect(report.checks.filter((check) => !check.ok)).toEqual([])
      expect(scores(report).totals).toMatchObject({
        sessionsChecked: 4,
        revisionsChecked: 7,
        appealRevisionsChecked: 1,
        mismatches: 0,
      })
    })

    it('SCO-7: a SessionEnded score edited and the chain and stored head rewritten is caught by the scores only', async () => {
      const log = await openSqlEventLog(poolSqlClient(intruder, false), schema)
      const stream = await log.readStream(streamOf('aynur'))
      const ended = stream.find((event) => event.type === 'SessionEnded')!
      let hash = ''
      for (const event of rewrite(stream, ended, (data) => {
        data.result!.total.points = 95
        return data
      }).filter((event) => event.revision >= ended.revision)) {
        await sql(
          `update ${schema}.events set data = $3, metadata = $4 where stream_id = $1 and revision = $2`,
          [event.streamId, event.revision.toString(), event.data, event.metadata],
        )
        hash = event.metadata.hash
      }
      await sql(`update ${schema}.streams set last_hash = $2 where stream_id = $1`, [streamOf('aynur'), hash])
      const report = await audit()
      expect(failing(report)).toEqual(['scores'])
      expect(scores(report).findings).toEqual([
        expect.objectContaining({
          problem: 'score',
          rule: 'SCO-7',
          streamId: streamOf('aynur'),
          revision: ended.revision.toString(),
        }),
      ])
    })
  },
)
