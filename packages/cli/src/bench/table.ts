/**
 * What a scenario must reach: a rate (per second), a wall-clock bound, or a
 * compound target judged by the scenario itself (the HTTP load test: rate,
 * p99 and nothing lost), shown as `label`.
 */
export type Target =
  | { readonly atLeastPerSecond: number }
  | { readonly atMostSeconds: number }
  | { readonly label: string; readonly met: boolean }

/** One measured case; `pending` marks a scenario whose place is kept but which is not measured yet. */
export type BenchRow = {
  readonly store: string
  readonly scenario: string
  /** How many `unit`s the scenario moved (events, sessions, loads, …). */
  readonly count: number
  readonly unit: string
  readonly seconds: number
  /** A target from the brief to compare against, if any. */
  readonly target?: Target
  readonly pending?: string
  /** What the count and rate do not say (latency percentiles, losses), in the last column. */
  readonly note?: string
}

export const perSecond = (row: BenchRow): number => (row.seconds > 0 ? row.count / row.seconds : 0)

const number = (value: number) => Math.round(value).toLocaleString('en-US')

export const meetsTarget = (row: BenchRow): boolean | undefined => {
  const { target } = row
  if (target === undefined || row.pending !== undefined) return undefined
  if ('met' in target) return target.met
  return 'atLeastPerSecond' in target
    ? perSecond(row) >= target.atLeastPerSecond
    : row.seconds <= target.atMostSeconds
}

const targetCell = (row: BenchRow): string => {
  if (row.pending !== undefined) return `not measured yet: ${row.pending}`
  const { target } = row
  if (target === undefined) return ''
  const met = meetsTarget(row) ? '✓' : '✗'
  if ('label' in target) return `${target.label} ${met}`
  return 'atLeastPerSecond' in target
    ? `≥ ${number(target.atLeastPerSecond)}/s ${met}`
    : `≤ ${target.atMostSeconds} s ${met}`
}

const cells = (row: BenchRow): string[] =>
  row.pending !== undefined
    ? [row.store, row.scenario, '—', '—', '—', targetCell(row), row.note ?? '']
    : [
        row.store,
        row.scenario,
        `${number(row.count)} ${row.unit}`,
        row.seconds.toFixed(2),
        number(perSecond(row)),
        targetCell(row),
        row.note ?? '',
      ]

const HEADER = ['store', 'scenario', 'count', 'seconds', 'per second', 'target', 'note']

/** A plain-text table for the terminal. */
export const textTable = (rows: readonly BenchRow[]): string => {
  const lines = [HEADER, ...rows.map(cells)]
  const widths = HEADER.map((_, column) => Math.max(...lines.map((line) => (line[column] ?? '').length)))
  const numeric = new Set([2, 3, 4])
  return lines
    .map((line) =>
      line
        .map((cell, column) =>
          numeric.has(column) ? cell.padStart(widths[column] ?? 0) : cell.padEnd(widths[column] ?? 0),
        )
        .join('  ')
        .trimEnd(),
    )
    .join('\n')
}

/** The same table as Markdown. */
export const markdownTable = (rows: readonly BenchRow[]): string =>
  [
    `| ${HEADER.join(' | ')} |`,
    '| --- | --- | ---: | ---: | ---: | --- | --- |',
    ...rows.map((row) => `| ${cells(row).join(' | ')} |`),
  ].join('\n')

export const START_MARK = '<!-- bench:start -->'
export const END_MARK = '<!-- bench:end -->'

/** Replaces what lies between the bench markers (appending the markers if the document has none). */
export const replaceBenchSection = (document: string, content: string): string => {
  const start = document.indexOf(START_MARK)
  const end = document.indexOf(END_MARK)
  const section = `${START_MARK}\n${content.trim()}\n${END_MARK}`
  if (start === -1 || end === -1 || end < start) return `${document.trimEnd()}\n\n${section}\n`
  return document.slice(0, start) + section + document.slice(end + END_MARK.length)
}
