import { parseArgs } from 'node:util'
import { type ProjectionStatus, VIEW_DEFINITIONS } from '@imtahan/adapters'
import { EXIT, errorMessage, type Io, parseOrHelp, processIo, UsageError } from './audit/io.js'
import { STORE_OPTIONS } from './audit/store-args.js'
import type { Command } from './command.js'
import { openProjections, PROJECTIONS_STORE_HELP } from './projections/open.js'

export const PROJECTIONS_HELP = `usage: imtahan projections status [options]
       imtahan projections rebuild <view> [options]

The persisted read models (docs/operators.md, "Persisted views").
  status            per view: its generation and fold version, its checkpoint,
                    the head of the log and how many events it is behind
  rebuild <view>    builds the view again from the whole log beside the live one,
                    then swaps it in with one transaction (readers never see a
                    half-built view); a running serve keeps serving meanwhile
views: ${VIEW_DEFINITIONS.map((definition) => definition.name).join(', ')}

  --json                  one JSON document on stdout instead of text
${PROJECTIONS_STORE_HELP}
  -h, --help              this text

exit codes: 0 done · 2 usage error · 3 the store could not be read or written
`

const parse = (args: readonly string[]) => {
  const { values, positionals } = parseArgs({
    args: [...args],
    strict: true,
    allowPositionals: true,
    options: { ...STORE_OPTIONS, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
  })
  if (values.help) return { ...values, action: 'help' as const, view: undefined }
  const [action, view, ...rest] = positionals
  const names = VIEW_DEFINITIONS.map((definition) => definition.name)
  if (action === 'status' && view === undefined) return { ...values, action, view }
  if (action === 'rebuild' && view !== undefined && rest.length === 0) {
    if (!names.includes(view)) throw new UsageError(`no view named "${view}"; views: ${names.join(', ')}`)
    return { ...values, action, view }
  }
  throw new UsageError('expected `status` or `rebuild <view>`')
}

const position = (at: ProjectionStatus['head']) => (at === undefined ? null : `${at.commit}/${at.prepare}`)

const statusJson = (rows: readonly ProjectionStatus[]) =>
  rows.map((row) => ({
    view: row.view,
    generation: row.generation ?? null,
    version: row.version ?? null,
    checkpoint: position(row.checkpoint),
    head: position(row.head),
    behind: row.behind,
  }))

const statusText = (rows: readonly ProjectionStatus[], where: string) =>
  [
    `views in ${where}`,
    ...statusJson(rows).map(
      (row) =>
        `  ${row.view.padEnd(20)} generation ${row.generation ?? '-'} version ${row.version ?? '-'}  ` +
        `checkpoint ${row.checkpoint ?? 'none'}  head ${row.head ?? 'none'}  behind ${row.behind}`,
    ),
    '',
  ].join('\n')

export const runProjectionsCommand = async (args: readonly string[], io: Io): Promise<number> => {
  const options = parseOrHelp('projections', PROJECTIONS_HELP, parse, args, io)
  if (typeof options === 'number') return options
  let opened: Awaited<ReturnType<typeof openProjections>>
  try {
    opened = await openProjections(options, io.env)
  } catch (error) {
    io.stderr.write(`imtahan projections: ${errorMessage(error)}\n`)
    return error instanceof UsageError ? EXIT.usage : EXIT.unreadable
  }
  try {
    if (options.action === 'rebuild' && options.view !== undefined) {
      const started = performance.now()
      const events = await opened.runner.rebuild(options.view)
      const ms = Math.round(performance.now() - started)
      const [status] = (await opened.runner.status()).filter((row) => row.view === options.view)
      if (options.json)
        io.stdout.write(
          `${JSON.stringify({ rebuilt: options.view, events, ms, status: statusJson(status === undefined ? [] : [status])[0] })}\n`,
        )
      else
        io.stdout.write(
          `rebuilt ${options.view} from ${events} events in ${ms} ms; generation ${status?.generation} is live\n`,
        )
      return EXIT.ok
    }
    const rows = await opened.runner.status()
    io.stdout.write(
      options.json ? `${JSON.stringify({ views: statusJson(rows) })}\n` : statusText(rows, opened.where),
    )
    return EXIT.ok
  } catch (error) {
    io.stderr.write(`imtahan projections: ${errorMessage(error)}\n`)
    return EXIT.unreadable
  } finally {
    await opened.close()
  }
}

export const projectionsCommand: Command = {
  summary: 'status of the persisted read models, or rebuild one beside the live one and swap',
  run: (args) => runProjectionsCommand(args, processIo()),
}
