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
