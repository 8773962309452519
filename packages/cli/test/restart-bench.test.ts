import { describe, expect, it } from 'vitest'
import { type RestartFigures, restartRows, restartSizes } from '../src/bench/restart.js'
import { meetsTarget } from '../src/bench/table.js'

const figure = (history: number, seconds: number, rssMb: number): RestartFigures => ({
  log: {
    schema: 's',
    history,
    tail: 1_010,
    seed: { events: history, seconds: 1 },
    catchUp: { events: history, seconds: 1 },
  },
  seconds,
  rssBytes: rssMb * 2 ** 20,
})

describe('the restart bench judges the issue’s targets', () => {
  it('every size within 3 s, and the larger within 1.5× the time and 1.3× the RSS of the smallest', () => {
    const rows = restartRows([figure(1e6, 2, 100), figure(5e6, 2.9, 129)])
    expect(rows.map(meetsTarget)).toEqual([true, true])
    expect(rows[1]?.note).toBe('RSS 129 MB; × 1.45 time, × 1.29 RSS of the first')
  })

  it('fails a start over 3 s, a start that grows 1.5× or more, and memory that grows 1.3× or more', () => {
    expect(restartRows([figure(1e6, 3.1, 100)]).map(meetsTarget)).toEqual([false])
    expect(restartRows([figure(1e6, 1, 100), figure(5e6, 1.6, 100)]).map(meetsTarget)).toEqual([true, false])
    expect(restartRows([figure(1e6, 1, 100), figure(5e6, 1, 140)]).map(meetsTarget)).toEqual([true, false])
  })

  it('reads BENCH_RESTART_EVENTS smallest first, defaults to 100k and 500k, and refuses what is not a count', () => {
    expect(restartSizes('5000000, 1_000_000')).toEqual([1_000_000, 5_000_000])
    expect(restartSizes(undefined)).toEqual([100_000, 500_000])
    expect(() => restartSizes('1e6x')).toThrow(/BENCH_RESTART_EVENTS/)
  })
})
