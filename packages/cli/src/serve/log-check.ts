import { checkLogDecodes, type EventLog, type LogDecodeResult, type Logger } from '@imtahan/adapters'

/** The server would not start: the log holds events the application cannot read. */
export class LogCheckFailedError extends Error {
  override name = 'LogCheckFailedError'
  constructor(readonly result: LogDecodeResult) {
    const listed = result.undecodable.map(
      (event) =>
        `  ${event.streamId}@${event.revision} ${event.type}: ${
          event.problem === 'undecodable'
            ? `fails its codec at ${event.fields.join(', ')}`
            : 'not an event type of its stream'
        }`,
    )
    const more = result.undecodableCount - result.undecodable.length
    super(
      [
        `refusing to start: ${result.undecodableCount} of ${result.events} events in the log cannot be decoded by this version:`,
        ...listed,
        ...(more > 0 ? [`  … and ${more} more`] : []),
        'Serving anyway would fail the requests that read them and stop the process runner at the first one.',
        'Run `npx imtahan audit` for the full report (docs/auditors.md); repair the store or deploy a version that reads these events.',
      ].join('\n'),
    )
  }
}

/**
 * Before listening: decode every event once, and refuse to start on one that
 * does not decode, rather than serve and fail later (a request, or the
 * process runner half-way through a transfer). Names streams, revisions,
 * types and field paths only — never event data, which may be personal.
 */
export const checkLogBeforeServing = async (log: EventLog, logger: Logger): Promise<void> => {
  logger.info('log check: decoding every event before listening')
  const result = await checkLogDecodes(log)
  if (result.undecodableCount > 0) {
    logger.error(
      {
        events: result.events,
        undecodable: result.undecodableCount,
        first: result.undecodable.map((event) => `${event.streamId}@${event.revision}`),
      },
      'log check failed: refusing to start',
    )
    throw new LogCheckFailedError(result)
  }
  if (result.unknownCategory > 0)
    logger.warn(
      { events: result.unknownCategory },
      'log check: events in streams of no category this version reads (ignored; imtahan audit lists them)',
    )
  logger.info({ events: result.events, ms: result.ms }, 'log check: every event decodes')
}
