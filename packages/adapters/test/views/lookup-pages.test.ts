import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { START } from '../../src/store/port.js'
import { type AnyViewDefinition, readByLookup, readByLookupPages } from '../../src/views/index.js'
import { BACKINGS, type ViewBacking } from './backings.js'

const VIEW: AnyViewDefinition = { name: 'pages', version: '1', keysOf: () => [], apply: (doc) => doc }
// Keys that sort differently as numbers and as text, and another lookup's documents in between.
const SITTING = ['s-1', 's-10', 's-11', 's-2', 's-3', 's-30', 's-4'].map((key) => ({
  key,
  lookup: 'sitting',
}))
const OTHER = ['s-12', 's-25'].map((key) => ({ key, lookup: 'other' }))

for (const [name, open] of BACKINGS)
  describe(`a lookup read a page at a time on ${name}`, () => {
    let backing: ViewBacking
    beforeAll(async () => {
      backing = await open()
      await backing.views.startGeneration(VIEW.name, 1)
      await backing.views.batch(VIEW.name, 1, (batch) =>
        batch.write(
          [...SITTING, ...OTHER].map(({ key, lookup }) => ({ key, lookup, doc: { key } })),
          START,
        ),
      )
      await backing.views.activate(VIEW.name, 1, VIEW.version)
    })
    afterAll(() => backing.close())

    it('pages follow one another in key order and together are the whole lookup, once each', async () => {
      const whole = await readByLookup(backing.views, VIEW, 'sitting')
      expect(whole.map(({ key }) => key)).toEqual(SITTING.map(({ key }) => key).sort())
      const pages = []
      for await (const page of readByLookupPages(backing.views, VIEW, 'sitting', (index) =>
        index === 0 ? 1 : 3,
      ))
        pages.push(page.map(({ key }) => key))
      expect(pages.map((page) => page.length)).toEqual([1, 3, 3])
      expect(pages.flat()).toEqual(whole.map(({ key }) => key))
    })

    it('a page after the last key is empty; one after a key between documents starts at the next', async () => {
      expect(await backing.views.byLookup(VIEW.name, 'sitting', { after: 's-4', limit: 5 })).toEqual([])
      const next = await backing.views.byLookup(VIEW.name, 'sitting', { after: 's-25', limit: 2 })
      expect(next).toEqual([
        { key: 's-3', doc: { key: 's-3' } },
        { key: 's-30', doc: { key: 's-30' } },
      ])
    })

    it('a lookup of exactly whole pages ends without an empty page', async () => {
      const sizes: number[] = []
      for await (const page of readByLookupPages(backing.views, VIEW, 'other', () => 2))
        sizes.push(page.length)
      expect(sizes).toEqual([2])
    })
  })
