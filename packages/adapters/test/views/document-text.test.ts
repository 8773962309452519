import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { START } from '../../src/store/port.js'
import { asciiJson } from '../../src/views/sql-store.js'
import { BACKINGS, type ViewBacking } from './backings.js'

const VIEW = 'text'
// Azerbaijani letters, a character beyond the BMP (a surrogate pair), quotes, backslashes, controls.
const DOC = {
  answers: { o1: 'Gəncə', o2: 'Milli Məclis', o3: '𝔸 "quoted" \\ back\u0001slash', o4: 'ÇĞİÖŞÜ' },
}

describe('view documents keep their text exactly, whatever its characters', () => {
  it('asciiJson writes only ASCII and parses back to the same value (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.string({ unit: 'binary' }), (value, text) => {
        for (const original of [value, { text }]) {
          const written = asciiJson(JSON.stringify(original))
          expect([...written].every((char) => char.charCodeAt(0) < 0x80)).toBe(true)
          expect(JSON.parse(written)).toEqual(JSON.parse(JSON.stringify(original)))
        }
      }),
      { numRuns: 300 },
    )
  })

  for (const [name, open] of BACKINGS)
    describe(name, () => {
      let backing: ViewBacking
      beforeAll(async () => {
        backing = await open()
        await backing.views.startGeneration(VIEW, 1)
        await backing.views.batch(VIEW, 1, (batch) =>
          batch.write([{ key: 'k', doc: DOC, lookup: undefined }], START),
        )
        await backing.views.activate(VIEW, 1, '1')
      })
      afterAll(() => backing.close())

      it('a document read back equals the one written, and a batch loads it the same', async () => {
        expect(await backing.views.get(VIEW, 'k')).toEqual(DOC)
        const loaded = await backing.views.batch(VIEW, 1, (batch) => batch.load(['k']))
        expect(loaded.get('k')).toEqual(DOC)
      })
    })
})
