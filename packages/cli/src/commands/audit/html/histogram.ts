import type { SubgroupScores } from '@imtahan/adapters'
import { type Html, html } from './escape.js'

/** Points per bar: bars start at the pass mark, so a bar is wholly below it or wholly at or above it. */
export const BIN_WIDTH = 5

const W = 340
const H = 180
const PAD = { left: 34, right: 12, top: 22, bottom: 30 }

export type Bin = {
  readonly from: number
  readonly to: number
  readonly count: number
  readonly passing: boolean
}

/** The counts per score grouped into bins of `BIN_WIDTH` points aligned on the pass mark. */
export const binsOf = (scores: SubgroupScores): Bin[] => {
  const first = scores.passMark - BIN_WIDTH * Math.ceil(scores.passMark / BIN_WIDTH)
  const bins: Bin[] = []
  for (let from = first; from <= scores.maxPoints; from += BIN_WIDTH) {
    const to = Math.min(from + BIN_WIDTH - 1, scores.maxPoints)
    let count = 0
    for (let s = Math.max(from, 0); s <= to; s += 1) count += scores.counts[s] ?? 0
    bins.push({ from: Math.max(from, 0), to, count, passing: from >= scores.passMark })
  }
  return bins
}

/**
 * An inline SVG histogram of one subgroup's scores in force, with its pass
 * mark drawn as a line. No script, no external asset: it prints and archives
 * as it is.
 */
export const histogram = (scores: SubgroupScores): Html => {
  const bins = binsOf(scores)
  const top = Math.max(1, ...bins.map((bin) => bin.count))
  const plotW = W - PAD.left - PAD.right
  const plotH = H - PAD.top - PAD.bottom
  const x = (points: number) => PAD.left + (points / (scores.maxPoints + 1)) * plotW
  const y = (count: number) => PAD.top + plotH - (count / top) * plotH
  const bars = bins
    .filter((bin) => bin.count > 0)
    .map((bin) => {
      const left = x(bin.from)
      const width = Math.max(1, x(bin.to + 1) - left - 1)
      return html`<rect class="bar ${bin.passing ? 'pass' : 'fail'}" x="${left.toFixed(1)}" y="${y(bin.count).toFixed(1)}" width="${width.toFixed(1)}" height="${(PAD.top + plotH - y(bin.count)).toFixed(1)}"><title>${bin.from}–${bin.to} points: ${bin.count}</title></rect>`
    })
  const mark = x(scores.passMark)
  const base = PAD.top + plotH
  return html`<svg class="histogram" data-subgroup="${scores.subgroup}" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="${scores.subgroup}: scores in force, pass mark ${scores.passMark}">
<line class="axis" x1="${PAD.left}" y1="${base}" x2="${W - PAD.right}" y2="${base}"/>
<line class="axis" x1="${PAD.left}" y1="${PAD.top}" x2="${PAD.left}" y2="${base}"/>
<text class="tick" x="${PAD.left - 4}" y="${PAD.top + 4}" text-anchor="end">${top}</text>
<text class="tick" x="${PAD.left - 4}" y="${base}" text-anchor="end">0</text>
<text class="tick" x="${x(0)}" y="${base + 14}" text-anchor="start">0</text>
<text class="tick" x="${x(scores.maxPoints + 1)}" y="${base + 14}" text-anchor="end">${scores.maxPoints}</text>
${bars}
<line class="pass-mark" x1="${mark.toFixed(1)}" y1="${PAD.top - 6}" x2="${mark.toFixed(1)}" y2="${base}"/>
<text class="pass-mark-label" x="${mark.toFixed(1)}" y="${PAD.top - 9}" text-anchor="middle">pass mark ${scores.passMark}</text>
<text class="tick" x="${((PAD.left + W - PAD.right) / 2).toFixed(1)}" y="${H - 4}" text-anchor="middle">points</text>
</svg>`
}
