import { readFileSync } from 'node:fs'
import {
  DEFAULT_BLUEPRINT,
  type ExamEvent,
  examDecider,
  fold,
  formOf,
  groupOf,
  OPEN_ANSWER_NORMALISATION,
  type SessionEnded,
  type SessionEvent,
  scoreAnswers,
  sittingViewOf,
} from '@imtahan/domain'
import { describe, expect, it } from 'vitest'
import { EXAM, SESSION } from '../../src/application/shared/streams.js'
import { runAudit } from '../../src/audit/index.js'
import { decodeRecorded } from '../../src/command/codec.js'
import { exportFileAuditSource, parseExportLine } from '../../src/export/index.js'
import { hashEvent } from '../../src/store/hash-chain.js'
import type { RecordedEvent } from '../../src/store/port.js'

/**
 * `imtahan export` of `imtahan demo --candidates 20 --seed 1` (PGlite),
 * taken before `ExamDefined` recorded its blueprint: the sitting's stream and
 * four sessions (two re-scored after the expert review, one annulled).
 * Its digest was written down at export time.
 */
const FIXTURE = new URL('./fixtures/exam-defined-v1.ndjson', import.meta.url)
const DIGEST_AT_EXPORT = 'ceee336e27e194a3023ae11aa3c49e97f995ca6922632478ea19e26a1a016a45'

const recorded: RecordedEvent[] = readFileSync(FIXTURE, 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line, i) => parseExportLine(line, i + 1) as RecordedEvent)
const definedV1 = recorded.find((event) => event.type === 'ExamDefined')!
const sourceOf = (events: readonly RecordedEvent[]) => ({
  name: 'changed copy',
  events: async function* () {
    yield* events
  },
})

describe('ExamDefined recorded before version 2 (stored log from before the change)', () => {
  it('is stored as version 1: no blueprint, pass marks or normalisation version', () => {
    expect(definedV1.data).not.toHaveProperty('version')
    expect(definedV1.data).not.toHaveProperty('blueprint')
    expect(definedV1.data).not.toHaveProperty('openAnswerNormalisation')
  })

  it('reads as version 2 with the default blueprint, pass marks and normalisation 1 in force then', () => {
    const event = decodeRecorded(EXAM.codec, definedV1) as ExamEvent
    expect(event.type).toBe('ExamDefined')
    if (event.type !== 'ExamDefined') return
    expect(event.version).toBe(2)
    expect(event.blueprint).toEqual(DEFAULT_BLUEPRINT)
    expect(event.blueprint.passMarks.AC3).toEqual({ percent: 70, points: 70 })
    expect(event.openAnswerNormalisation).toBe(OPEN_ANSWER_NORMALISATION)
    expect(event.forms.map(({ form }) => form.group)).toEqual(['AA', 'AB', 'AC', 'BA', 'BB'])
  })

  it('SCO-7: replays, and every recorded end scores the same under the upcast definition', () => {
    const exam = recorded.filter((event) => event.streamId.startsWith('exam-'))
    const sitting = sittingViewOf(
      fold(
        examDecider,
        exam.map((event) => decodeRecorded(EXAM.codec, event)),
      ),
    )!
    const ends = recorded
      .filter((event) => event.type === 'SessionEnded')
      .map((event) => decodeRecorded(SESSION.codec, event) as SessionEvent as SessionEnded)
    expect(ends).toHaveLength(4)
    for (const end of ends) {
      const { form, key } = formOf(sitting, groupOf(end.subgroup))!
      const reviews = sitting.reviews.filter((review) => end.reviewIds.includes(review.reviewId))
      const result = scoreAnswers({
        ...{ form, key, reviews },
        answers: end.answers,
        subgroup: end.subgroup,
        blueprint: sitting.blueprint,
      })
      expect(result).toEqual({ _tag: 'Right', right: end.result })
    }
  })

  it('SCO-7: audits clean, with the digest written down at export time', async () => {
    const report = await runAudit(exportFileAuditSource(FIXTURE.pathname))
    expect(report.ok).toBe(true)
    expect(report.digest).toBe(DIGEST_AT_EXPORT)
    const scores = report.checks.find((check) => check.name === 'scores')!
    expect(scores.totals).toMatchObject({ sessionsChecked: 4, revisionsChecked: 2, mismatches: 0 })
  })

  it('SCO-4: the scores check takes the pass marks from the event, not from configuration', async () => {
    // The same log, as if the sitting had been defined (version 2) with AC3's mark at 71:
    // the recorded AC3 result (70, PASS, mark 70) now disagrees with its own sitting.
    const blueprint = {
      ...DEFAULT_BLUEPRINT,
      passMarks: { ...DEFAULT_BLUEPRINT.passMarks, AC3: { percent: 71, points: 71 } },
    }
    const data = { ...definedV1.data, version: 2, blueprint, openAnswerNormalisation: 1 }
    const report = await runAudit(sourceOf(rewritten(recorded, definedV1, data)))
    expect(report.checks.find((check) => check.name === 'hash-chain')?.ok).toBe(true)
    const scores = report.checks.find((check) => check.name === 'scores')!
    expect(scores.findings.map((finding) => finding.problem)).toContain('pass-mark')
    expect(scores.findings.find((finding) => finding.problem === 'pass-mark')?.message).toContain('71')
  })
})

/** `target` with new data, it and every later event of its stream re-hashed: a consistent chain. */
const rewritten = (
  events: readonly RecordedEvent[],
  target: RecordedEvent,
  data: Record<string, unknown>,
): RecordedEvent[] => {
  let previousHash: string | null = null
  return events.map((event) => {
    if (event.streamId !== target.streamId || event.revision < target.revision) return event
    previousHash ??= event.metadata.previousHash
    const changed = event === target ? data : event.data
    const hash = hashEvent({ ...event.metadata, ...event, data: changed, previousHash })
    const out = { ...event, data: changed, metadata: { ...event.metadata, previousHash, hash } }
    previousHash = hash
    return out
  })
}
