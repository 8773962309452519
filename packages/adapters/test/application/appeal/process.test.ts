import type { SessionEvent } from '@imtahan/domain'
import { describe, expect, it } from 'vitest'
import { AppealUpholdingInput } from '../../../src/application/appeal/inputs.js'
import { createImtahan } from '../../../src/application/facade.js'
import { createDecoder, DEFAULT_CATALOG } from '../../../src/audit/catalog.js'
import { createMemoryEventStore } from '../../../src/store/memory.js'
import type { EventStore, NewEvent } from '../../../src/store/port.js'
import { wrapStore } from '../../../src/store/wrap-store.js'
import { sessionEvents } from '../exam/support.js'
import { ok, typed } from '../facade/support.js'
import { commission, DISPUTED, EXAM_ID, publishedResult } from './support.js'

const revisionsOnAppeal = (events: readonly SessionEvent[]) =>
  events.filter((event) => event.type === 'ScoreRevisedOnAppeal')

/** A store that fails once at the first append of a re-score on appeal: before it lands, or after (answer lost). */
const failingRescoreOnce = (inner: EventStore, when: 'before' | 'after') => {
  let armed = false
  let failed = 0
  const store = wrapStore(inner, {
    appendToStream: async (streamId, events: readonly NewEvent[], expected, context) => {
      if (!armed || !events.some((event) => event.type === 'ScoreRevisedOnAppeal'))
        return inner.appendToStream(streamId, events, expected, context)
      armed = false
      failed += 1
      if (when === 'after') await inner.appendToStream(streamId, events, expected, context)
      throw new Error(`simulated crash ${when} appending the re-score`)
    },
  })
  return {
    store,
    arm: () => {
      armed = true
    },
    failed: () => failed,
  }
}

const uphold = typed(AppealUpholdingInput, {
  corrections: [{ taskId: DISPUTED, kind: 'answer_accepted' }],
  reasons: 'Also correct.',
  by: 'apl-1',
})

describe('the appeal process (APL-4 → the session’s re-score, exactly once)', () => {
  it('a redelivered AppealUpheld re-scores nothing twice: settle, settle again, and a fresh runner over the whole log', async () => {
    const t = await publishedResult()
    const { appealId } = ok(
      await t.app.appeals.candidate.file(t.cabinetId, EXAM_ID, { taskIds: [DISPUTED], grounds: 'x' }, t.me),
    )
    ok(await t.app.appeals.commission.uphold(appealId, uphold, commission))
    await t.app.settle()
    await t.app.settle()
    // A second application on the same log starts with an empty checkpoint: it replays every event.
    const replay = createImtahan(t.deps)
    await replay.settle()
    const revised = revisionsOnAppeal(await sessionEvents(t.store, t.sessionId))
    expect(revised).toHaveLength(1)
    expect(revised[0]).toMatchObject({ revisionId: `${appealId}:commission`, oldScore: 111, newScore: 112 })
  })

  for (const when of ['before', 'after'] as const)
    it(`a crash ${when} the re-score lands: the decision stands, settle() completes it once`, async () => {
      const failing = failingRescoreOnce(createMemoryEventStore(), when)
      const t = await publishedResult(failing.store)
      const { appealId } = ok(
        await t.app.appeals.candidate.file(t.cabinetId, EXAM_ID, { taskIds: [DISPUTED], grounds: 'x' }, t.me),
      )
      failing.arm()
      const decided = ok(await t.app.appeals.commission.uphold(appealId, uphold, commission))
      expect(failing.failed()).toBe(1)
      expect(decided.status).toBe('upheld')
      // After: the re-score landed though its answer was lost, and the answer reads the session as it is.
      expect(decided.rescore).toBe(when === 'before' ? 'pending' : 'done')
      expect(revisionsOnAppeal(await sessionEvents(t.store, t.sessionId))).toHaveLength(
        when === 'before' ? 0 : 1,
      )
      await t.app.settle()
      await t.app.settle()
      expect(revisionsOnAppeal(await sessionEvents(t.store, t.sessionId))).toHaveLength(1)
      const record = ok(await t.app.appeals.candidate.record(t.cabinetId, t.me))
      expect(record.sessions[0]?.result).toMatchObject({ score: 112, passed: true })
      // Sending the same decision again records nothing and reports the re-score as done.
      const repeat = ok(await t.app.appeals.commission.uphold(appealId, uphold, commission))
      expect(repeat.rescore).toBe('done')
      expect(revisionsOnAppeal(await sessionEvents(t.store, t.sessionId))).toHaveLength(1)
    })

  it('the audit catalog knows the appeal- streams: every event of a decided appeal decodes as category appeal', async () => {
    const t = await publishedResult()
    const { appealId } = ok(
      await t.app.appeals.candidate.file(t.cabinetId, EXAM_ID, { taskIds: [DISPUTED], grounds: 'x' }, t.me),
    )
    ok(await t.app.appeals.commission.uphold(appealId, uphold, commission))
    const decode = createDecoder(DEFAULT_CATALOG)
    const appealEvents = (await t.store.readAll()).filter((event) => event.streamId.startsWith('appeal-'))
    expect(appealEvents.map((event) => event.type)).toEqual(['AppealFiled', 'AppealUpheld'])
    for (const event of appealEvents)
      expect(decode(event)).toMatchObject({ kind: 'decoded', category: 'appeal' })
  })
})
