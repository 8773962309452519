import { describe, expect, it } from 'vitest'
import { createMemoryEventStore } from '../../../src/store/memory.js'
import { candidate, makeExamApp } from '../exam/support.js'
import { asCabinet, ok, refusal } from '../facade/support.js'
import {
  commission,
  DEADLINE,
  DISPUTED,
  EXAM_ID,
  OTHER,
  PUBLISHED_AT,
  publishedResult,
  weekendsOnly,
} from './support.js'

const filing = (taskIds: readonly string[], grounds = 'My answer is also correct.') => ({ taskIds, grounds })

describe('appeal use cases (APL-2…APL-6, CAB-11)', () => {
  it('APL-2/APL-3: a filing is open with the deadline of the shipped calendar; a second one while it is open is refused, nothing recorded', async () => {
    const t = await publishedResult()
    const filed = ok(await t.app.appeals.candidate.file(t.cabinetId, EXAM_ID, filing([DISPUTED]), t.me))
    expect(filed).toMatchObject({
      appealId: `${t.sessionId}:appeal-1`,
      status: 'open',
      deadline: DEADLINE,
      publishedAt: PUBLISHED_AT,
      disputed: [{ taskId: DISPUTED, answer: expect.any(String) }],
    })
    const size = (await t.store.readAll()).length
    const second = await t.app.appeals.candidate.file(t.cabinetId, EXAM_ID, filing([OTHER]), t.me)
    expect(refusal(second)).toBe('appeal.already_open')
    expect((await t.store.readAll()).length).toBe(size)
    // The same filing again answers the open appeal; nothing new is recorded.
    const again = ok(await t.app.appeals.candidate.file(t.cabinetId, EXAM_ID, filing([DISPUTED]), t.me))
    expect(again.appealId).toBe(filed.appealId)
    expect((await t.store.readAll()).length).toBe(size)
  })

  it('APL-4 upheld: the answer accepted re-scores 111 → 112 and flips pass/fail; the record shows it (CAB-11)', async () => {
    const t = await publishedResult()
    const { appealId } = ok(
      await t.app.appeals.candidate.file(t.cabinetId, EXAM_ID, filing([DISPUTED]), t.me),
    )
    const decided = ok(
      await t.app.appeals.commission.uphold(
        appealId,
        {
          corrections: [{ taskId: DISPUTED, kind: 'answer_accepted' }],
          reasons: 'Also correct.',
          by: 'apl-1',
        },
        commission,
      ),
    )
    expect(decided).toMatchObject({ status: 'upheld', rescore: 'done', decidedBy: 'apl-1' })
    expect(decided.revisions).toEqual([
      expect.objectContaining({ oldScore: 111, newScore: 112, oldPassed: false, newPassed: true }),
    ])
    const record = ok(await t.app.appeals.candidate.record(t.cabinetId, t.me))
    expect(record.sessions).toHaveLength(1)
    expect(record.sessions[0]).toMatchObject({
      result: { score: 112, scoreAtEnd: 111, passed: true },
      revisions: [{ kind: 'appeal', ref: `${appealId}:commission`, oldScore: 111, newScore: 112 }],
      appeals: [{ appealId, status: 'upheld' }],
      canAppeal: true,
    })
  })

  it('APL-3: after a decision a new appeal is allowed about other tasks only; a decided task goes to court', async () => {
    const t = await publishedResult()
    const first = ok(await t.app.appeals.candidate.file(t.cabinetId, EXAM_ID, filing([DISPUTED]), t.me))
    ok(
      await t.app.appeals.commission.reject(
        first.appealId,
        { reasons: 'The key stands.', by: 'apl-1' },
        commission,
      ),
    )
    const again = await t.app.appeals.candidate.file(t.cabinetId, EXAM_ID, filing([DISPUTED], 'Again'), t.me)
    expect(refusal(again)).toBe('appeal.task_already_decided')
    const second = ok(await t.app.appeals.candidate.file(t.cabinetId, EXAM_ID, filing([OTHER]), t.me))
    expect(second).toMatchObject({ appealId: `${t.sessionId}:appeal-2`, sequence: 2, status: 'open' })
    const listed = ok(await t.app.appeals.commission.list({}, commission))
    expect(listed.map((appeal) => appeal.appealId)).toEqual([second.appealId, first.appealId])
    expect(ok(await t.app.appeals.candidate.ofSitting(t.cabinetId, EXAM_ID, t.me))).toHaveLength(2)
  })

  it('SPEC §5: another cabinet cannot read or file for this session; other roles cannot reach the commission', async () => {
    const t = await publishedResult()
    const { appealId } = ok(
      await t.app.appeals.candidate.file(t.cabinetId, EXAM_ID, filing([DISPUTED]), t.me),
    )
    const other = await candidate(t, 702, '0.00')
    expect(refusal(await t.app.appeals.candidate.get(other.cabinetId, appealId, other.me))).toBe(
      'appeal.not_found',
    )
    expect(refusal(await t.app.appeals.candidate.get(t.cabinetId, appealId, other.me))).toBe('auth.forbidden')
    // The other cabinet has no session in the sitting: its own filing names only its own (absent) session.
    expect(
      refusal(await t.app.appeals.candidate.file(other.cabinetId, EXAM_ID, filing([DISPUTED]), other.me)),
    ).toBe('session.not_found')
    expect(refusal(await t.app.appeals.commission.list({}, t.me))).toBe('auth.forbidden')
    expect(
      refusal(
        await t.app.appeals.commission.reject(appealId, { reasons: 'x', by: 'me' }, asCabinet(t.cabinetId)),
      ),
    ).toBe('auth.forbidden')
    expect(refusal(await t.app.appeals.commission.get(`${t.sessionId}:appeal-9`, commission))).toBe(
      'appeal.not_found',
    )
    expect(refusal(await t.app.appeals.commission.list({ status: 'bogus' }, commission))).toBe(
      'validation.invalid_input',
    )
  })

  it('CAL-2: the calendar is a dependency — with weekends only the window closes on 15 June, not 16', async () => {
    const t = await publishedResult(createMemoryEventStore(), { calendar: weekendsOnly(2026) })
    const record = ok(await t.app.appeals.candidate.record(t.cabinetId, t.me))
    expect(record.sessions[0]?.appealWindow).toMatchObject({ status: 'open', lastDay: '2026-06-15' })
    t.clock.set('2026-06-15T20:00:00Z')
    const late = await t.app.appeals.candidate.file(t.cabinetId, EXAM_ID, filing([DISPUTED]), t.me)
    expect(refusal(late)).toBe('appeal.window_closed')
  })

  it('APL-2: the number of business days is configurable (1 → 11 June)', async () => {
    const t = await publishedResult(createMemoryEventStore(), { appeals: { businessDays: 1 } })
    t.clock.set('2026-06-11T19:59:59Z')
    const filed = ok(await t.app.appeals.candidate.file(t.cabinetId, EXAM_ID, filing([DISPUTED]), t.me))
    expect(filed.deadline).toEqual(new Date('2026-06-11T20:00:00Z'))
  })

  it('CAL-3: a calendar without the year refuses the filing and shows the deadline as unavailable, never guessed', async () => {
    // Publication itself needs the year (CAL-3 at publication), so the results are published with
    // the shipped calendar and read later by an application whose calendar lacks 2026.
    const store = createMemoryEventStore()
    const published = await publishedResult(store)
    const t = { ...published, ...makeExamApp(store, { calendar: weekendsOnly(2025) }) }
    t.clock.set(PUBLISHED_AT)
    const filed = await t.app.appeals.candidate.file(t.cabinetId, EXAM_ID, filing([DISPUTED]), t.me)
    expect(refusal(filed)).toBe('calendar.year_missing')
    const record = ok(await t.app.appeals.candidate.record(t.cabinetId, t.me))
    expect(record.sessions[0]).toMatchObject({ appealWindow: { status: 'unavailable' }, canAppeal: false })
  })
})
