import { afterEach, describe, expect, it } from 'vitest'
import { BACKINGS, type ViewBacking } from './backings.js'
import { appendEvents } from './toy.js'

describe.each(BACKINGS)('the head of the log and the lag behind it (%s)', (_name, open) => {
  let backing: ViewBacking | undefined
  afterEach(async () => {
    await backing?.close()
    backing = undefined
  })

  it('counts the events after a position exactly, or up to a cap (what a health probe asks)', async () => {
    backing = await open()
    await appendEvents(backing.events, 12)
    // On a shared PostgreSQL another session's open transaction holds back what readers may see
    // (the store's gapless rule): wait until all 12 are visible, then count.
    let all = await backing.events.readAll()
    for (let i = 0; all.length < 12 && i < 200; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50))
      all = await backing.events.readAll()
    }
    const { log } = backing
    expect(await log.head()).toEqual(all.at(-1)!.position)
    expect(await log.countAfter(undefined)).toBe(12)
    expect(await log.countAfter(all[3]!.position)).toBe(8)
    expect(await log.countAfter(undefined, 5)).toBe(5)
    expect(await log.countAfter(all[3]!.position, 5)).toBe(5)
    expect(await log.countAfter(all[8]!.position, 5)).toBe(3)
    expect(await log.countAfter(all.at(-1)!.position, 5)).toBe(0)
  }, 90_000)
})
