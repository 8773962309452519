/** One `imtahan` sub-command. `run` returns the process exit code. */
export type Command = {
  readonly summary: string
  readonly run: (args: readonly string[]) => Promise<number>
}
