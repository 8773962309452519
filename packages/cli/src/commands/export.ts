import { once } from 'node:events'
import { createWriteStream, type WriteStream } from 'node:fs'
import { parseArgs } from 'node:util'
import { exportLog } from '@imtahan/adapters'
import { EXIT, errorMessage, type Io, parseOrHelp, processIo, UsageError } from './audit/io.js'
import { openLogFromArgs, STORE_HELP, STORE_OPTIONS } from './audit/store-args.js'
import type { Command } from './command.js'

export const EXPORT_HELP = `usage: imtahan export [options]

Writes the whole log (or the chosen streams) as NDJSON, one event a line in
global order, with revisions and positions as strings and each event's hash
and previousHash, for \`imtahan audit --from-file\`. Reads only.

  --stream <id>           export only this stream (repeatable)
  --out <file>            write here instead of stdout
${STORE_HELP}
  -h, --help              this text

On stderr: how many events and streams, and the digest an audit of the file reports.
exit codes: 0 exported · 2 usage error · 3 the source could not be read
`

/** Writes to a file stream, waiting when its buffer is full so a large log is not held in memory. */
const fileWriter = (out: WriteStream) => async (chunk: string) => {
  if (!out.write(chunk)) await once(out, 'drain')
}

const parse = (args: readonly string[]) =>
  parseArgs({
    args: [...args],
    strict: true,
    allowPositionals: false,
    options: {
      ...STORE_OPTIONS,
      stream: { type: 'string', multiple: true },
      out: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  }).values

export const runExportCommand = async (args: readonly string[], io: Io): Promise<number> => {
  const options = parseOrHelp('export', EXPORT_HELP, parse, args, io)
  if (typeof options === 'number') return options
  let opened: Awaited<ReturnType<typeof openLogFromArgs>>
  try {
    opened = await openLogFromArgs(options, io.env)
  } catch (error) {
    io.stderr.write(`imtahan export: ${errorMessage(error)}\n`)
    return error instanceof UsageError ? EXIT.usage : EXIT.unreadable
  }
  const out = options.out === undefined ? undefined : createWriteStream(options.out)
  try {
    const write = out === undefined ? (chunk: string) => void io.stdout.write(chunk) : fileWriter(out)
    const summary = await exportLog(opened.log, write, { streams: options.stream ?? [] })
    if (out !== undefined) {
      out.end()
      await once(out, 'finish')
    }
    io.stderr.write(
      `exported ${summary.events} events from ${summary.streams} streams; digest ${summary.digest}\n`,
    )
    return EXIT.ok
  } catch (error) {
    out?.destroy()
    io.stderr.write(`imtahan export: could not read the log: ${errorMessage(error)}\n`)
    return EXIT.unreadable
  } finally {
    await opened.close()
  }
}

export const exportCommand: Command = {
  summary: 'write the log (or chosen streams) as NDJSON with hashes, for an offline audit',
  run: (args) => runExportCommand(args, processIo()),
}
