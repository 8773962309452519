import { existsSync, writeFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { type AuditSource, exportFileAuditSource, runAudit } from '@imtahan/adapters'
import { renderAuditHtml } from './audit/html/page.js'
import { EXIT, errorMessage, type Io, parseOrHelp, processIo, UsageError } from './audit/io.js'
import { progressReporter } from './audit/progress.js'
import { openLogFromArgs, STORE_HELP, STORE_OPTIONS } from './audit/store-args.js'
import { formatSummary } from './audit/summary.js'
import type { Command } from './command.js'

export const AUDIT_HELP = `usage: imtahan audit [options]

Replays every event in global order and verifies: the log reads in order,
every stream's hash chain, stream heads rebuilt vs stored (SQL stores), every
event decodes, and the money invariants (WAL-6, PAY-4, WAL-5) with totals.
Reads only. Guide: docs/auditors.md.

  --from-file <file>      audit an export (imtahan export) instead of a store
${STORE_HELP}
  --json                  print the report as JSON on stdout
  --html <file>           also write the report as one self-contained HTML page to sign: verdict,
                          findings, money reconciliation, per sitting score histograms and revisions
  --quiet                 no progress on stderr
  -h, --help              this text

exit codes: 0 every check holds · 1 findings · 2 usage error · 3 the source could not be read
`

const parse = (args: readonly string[]) =>
  parseArgs({
    args: [...args],
    strict: true,
    allowPositionals: false,
    options: {
      ...STORE_OPTIONS,
      'from-file': { type: 'string' },
      json: { type: 'boolean' },
      html: { type: 'string' },
      quiet: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  }).values

/** `imtahan audit` with its output streams given, so tests run it in-process. */
export const runAuditCommand = async (args: readonly string[], io: Io): Promise<number> => {
  const options = parseOrHelp('audit', AUDIT_HELP, parse, args, io)
  if (typeof options === 'number') return options
  let source: AuditSource
  let close = async () => {}
  try {
    if (options.html !== undefined && !existsSync(dirname(resolve(options.html))))
      throw new UsageError(`no such folder for --html: ${dirname(resolve(options.html))}`)
    const file = options['from-file']
    if (file !== undefined) {
      if (options.store !== undefined) throw new UsageError('--from-file and --store exclude each other')
      if (!existsSync(file)) throw new UsageError(`no such file: ${file}`)
      source = exportFileAuditSource(file)
    } else {
      const opened = await openLogFromArgs(options, io.env)
      source = opened.source
      close = opened.close
    }
  } catch (error) {
    io.stderr.write(`imtahan audit: ${errorMessage(error)}\n`)
    return error instanceof UsageError ? EXIT.usage : EXIT.unreadable
  }
  try {
    const report = await runAudit(source, options.quiet ? {} : { onProgress: progressReporter(io.stderr) })
    if (options.html !== undefined) writeFileSync(options.html, renderAuditHtml(report))
    io.stdout.write(options.json ? `${JSON.stringify(report, null, 2)}\n` : formatSummary(report))
    return report.ok ? EXIT.ok : EXIT.findings
  } catch (error) {
    io.stderr.write(`imtahan audit: could not read the log: ${errorMessage(error)}\n`)
    return EXIT.unreadable
  } finally {
    await close()
  }
}

export const auditCommand: Command = {
  summary: 'replay the whole log and verify hash chains, projections, codecs and money (WAL-6, PAY-4)',
  run: (args) => runAuditCommand(args, processIo()),
}
