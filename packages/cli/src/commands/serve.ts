import { CalendarLoadError } from '../serve/calendar.js'
import { LogCheckFailedError } from '../serve/log-check.js'
import { parseServeOptions, SERVE_HELP } from '../serve/options.js'
import { startServer } from '../serve/server.js'
import type { Command } from './command.js'

/** Resolves on the first SIGINT or SIGTERM; a second one while stopping ends the process at once. */
const firstSignal = (): Promise<NodeJS.Signals> =>
  new Promise((resolve) => {
    const onSignal = (signal: NodeJS.Signals) => {
      process.removeListener('SIGINT', onSignal)
      process.removeListener('SIGTERM', onSignal)
      const force = () => process.exit(130)
      process.once('SIGINT', force)
      process.once('SIGTERM', force)
      resolve(signal)
    }
    process.on('SIGINT', onSignal)
    process.on('SIGTERM', onSignal)
  })

export const serveCommand: Command = {
  summary: 'serve the HTTP API (embedded PGlite store in ./data by default)',
  run: async (args) => {
    const options = parseServeOptions(args, process.env)
    if (options === 'help') {
      process.stdout.write(SERVE_HELP)
      return 0
    }
    let server: Awaited<ReturnType<typeof startServer>>
    try {
      server = await startServer(options)
    } catch (error) {
      // The one start-up failure with its own words for the operator; anything else reaches main's handler.
      if (!(error instanceof LogCheckFailedError || error instanceof CalendarLoadError)) throw error
      process.stderr.write(`imtahan serve: ${error.message}\n`)
      return 1
    }
    // Logs are JSON on stdout; the few lines for a person go to stderr.
    const lines = [
      `imtahan API: ${server.url}`,
      `API docs:    ${server.url}/docs  (OpenAPI: ${server.url}/openapi.json)`,
      ...(options.dev
        ? [
            `dev mode:    dev registry and SMS; last SMS at ${server.url}/dev/sms?phone=…`,
            `dev mode:    dev clock; move it forward with POST ${server.url}/dev/clock {"advanceMinutes": 60}`,
          ]
        : []),
      ...Object.entries(server.devKeys).map(
        ([role, key]) => `dev mode:    X-Api-Key for ${role.replace('_', ' ')}: ${key}`,
      ),
      'Ctrl-C stops it.',
    ]
    process.stderr.write(`${lines.join('\n')}\n`)
    const signal = await firstSignal()
    server.logger.info({ signal }, 'signal received')
    await server.stop()
    return 0
  },
}
