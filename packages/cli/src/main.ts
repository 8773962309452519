#!/usr/bin/env node
import { commands, usage } from './commands/index.js'

/** `imtahan <command> [options]`: one entry point for operators and auditors. */
const main = async (argv: readonly string[]): Promise<number> => {
  const [name, ...rest] = argv
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    process.stdout.write(usage())
    return name === undefined ? 1 : 0
  }
  const command = commands[name]
  if (command === undefined) {
    process.stderr.write(`imtahan: unknown command "${name}"\n\n${usage()}`)
    return 2
  }
  return command.run(rest)
}

/**
 * A reader that stops early (`imtahan export | head`) closes the pipe: the
 * next write fails with EPIPE. That is the reader's choice, not an error —
 * end quietly instead of printing a stack trace.
 */
const quietOnClosedPipe = (stream: NodeJS.WriteStream) =>
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0)
    throw error
  })
quietOnClosedPipe(process.stdout)
quietOnClosedPipe(process.stderr)

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code
  },
  (error: unknown) => {
    process.stderr.write(`imtahan: ${error instanceof Error ? error.message : String(error)}\n`)
    process.exitCode = 1
  },
)
