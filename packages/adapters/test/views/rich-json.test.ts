import { Money } from '@imtahan/domain'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { fromRichJson, toRichJson } from '../../src/views/rich-json.js'

/** What a stored document goes through: rich JSON, then text in a jsonb column, then back. */
const throughTheDatabase = (value: unknown) => fromRichJson(JSON.parse(JSON.stringify(toRichJson(value))))

describe('persisted view documents (rich JSON)', () => {
  it('money comes back as money: amounts keep their decimal methods and value', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 15n }), (qepik) => {
        const state = { balance: Money.fromQepik(qepik), history: [{ fee: Money.fromQepik(qepik + 1n) }] }
        const back = throughTheDatabase(state) as typeof state
        expect(Money.toQepik(back.balance)).toBe(qepik)
        expect(back.balance.amount.toFixed(2)).toBe(state.balance.amount.toFixed(2))
        expect(Money.toQepik(back.history[0]!.fee)).toBe(qepik + 1n)
      }),
      { numRuns: 200 },
    )
  })

  it('dates, maps, sets and bigints keep their kind', () => {
    const state = {
      at: new Date('2026-06-10T06:00:00.000Z'),
      bySession: new Map([['s-1', { seats: new Set([1, 2]), position: 2n ** 63n + 5n }]]),
      gone: undefined,
    }
    const back = throughTheDatabase(state) as typeof state
    expect(back.at).toEqual(state.at)
    expect(back.bySession.get('s-1')?.seats).toEqual(new Set([1, 2]))
    expect(back.bySession.get('s-1')?.position).toBe(2n ** 63n + 5n)
    expect('gone' in back).toBe(false)
  })
})
