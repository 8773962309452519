/** One measured case. */
export type BenchRow = {
  readonly store: string
  readonly scenario: string
  readonly events: number
  readonly seconds: number
  /** A target from the brief to compare against, if any. */
  readonly target?: number
}

export const eventsPerSecond = (row: BenchRow): number => (row.seconds > 0 ? row.events / row.seconds : 0)

const number = (value: number) => Math.round(value).toLocaleString('en-US')

const cells = (row: BenchRow): string[] => [
  row.store,
  row.scenario,
  number(row.events),
  row.seconds.toFixed(2),
  number(eventsPerSecond(row)),
  row.target === undefined ? '' : `≥ ${number(row.target)} ${eventsPerSecond(row) >= row.target ? '✓' : '✗'}`,
]

const HEADER = ['store', 'scenario', 'events', 'seconds', 'events/s', 'target']

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
    '| --- | --- | ---: | ---: | ---: | --- |',
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
