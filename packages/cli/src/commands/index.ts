import { auditCommand } from './audit.js'
import { calendarCommand } from './calendar.js'
import type { Command } from './command.js'
import { demoCommand } from './demo.js'
import { exportCommand } from './export.js'
import { projectionsCommand } from './projections.js'
import { rescoreCommand } from './rescore.js'
import { scoreCommand } from './score.js'
import { serveCommand } from './serve.js'

export const commands: Readonly<Record<string, Command>> = {
  serve: serveCommand,
  calendar: calendarCommand,
  audit: auditCommand,
  export: exportCommand,
  projections: projectionsCommand,
  score: scoreCommand,
  rescore: rescoreCommand,
  demo: demoCommand,
}

export const usage = (): string =>
  [
    'usage: imtahan <command> [options]',
    '',
    'commands:',
    ...Object.entries(commands).map(([name, command]) => `  ${name.padEnd(12)} ${command.summary}`),
    '',
    'Run `npx imtahan <command> --help` for the options of a command.',
    '',
  ].join('\n')
