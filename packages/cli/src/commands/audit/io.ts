/** Where a command writes, so tests can run it in-process and read what it said. */
export type Io = {
  readonly stdout: { write(text: string): unknown }
  readonly stderr: { write(text: string): unknown; readonly isTTY?: boolean }
  readonly env: NodeJS.ProcessEnv
}

export const processIo = (): Io => ({ stdout: process.stdout, stderr: process.stderr, env: process.env })

/** Exit codes of `audit` and `export` (docs/auditors.md). */
export const EXIT = { ok: 0, findings: 1, usage: 2, unreadable: 3 } as const

/** One class for every command, so `serve`, `audit` and `export` tell usage errors apart the same way. */
export { UsageError } from '../../store-options.js'

export const errorMessage = (error: unknown): string =>
  error instanceof Error ? error.message : String(error)

/**
 * The first step every read-the-log command shares: parse the arguments, or
 * print why not with the usage (exit 2), or print the usage for --help (exit
 * 0). Returns the options, or the exit code when the command is done.
 */
export const parseOrHelp = <O extends { readonly help?: boolean | undefined }>(
  name: string,
  help: string,
  parse: (args: readonly string[]) => O,
  args: readonly string[],
  io: Io,
): O | number => {
  let options: O
  try {
    options = parse(args)
  } catch (error) {
    io.stderr.write(`imtahan ${name}: ${errorMessage(error)}\n\n${help}`)
    return EXIT.usage
  }
  if (options.help) {
    io.stdout.write(help)
    return EXIT.ok
  }
  return options
}
