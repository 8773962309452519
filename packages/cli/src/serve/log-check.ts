import {
  type CheckpointStore,
  type EventLog,
  type Logger,
  type LogVerifyResult,
  verifyLogSince,
} from '@imtahan/adapters'

/** The checkpoint row of the start-up check: the last position every server start has verified. */
export const VERIFIED_CHECKPOINT = 'serve.verified'

/** The server would not start: the log holds events the application cannot read. */
export class LogCheckFailedError extends Error {
  override name = 'LogCheckFailedError'
  constructor(readonly result: LogVerifyResult) {
    const listed = result.undecodable.map(
      (event) =>
        `  ${event.streamId}@${event.revision} ${event.type}: ${
          event.problem === 'undecodable'
            ? `fails its codec at ${event.fields.join(', ')}`
            : 'not an event type of its stream'
        }`,
    )
    const more = result.undecodableCount - result.undecodable.length
    const broken = result.chain.map((finding) => `  ${finding.message}`)
    super(
      [
        ...(result.undecodableCount > 0
          ? [
              `refusing to start: ${result.undecodableCount} of ${result.events} events checked cannot be decoded by this version:`,
              ...listed,
              ...(more > 0 ? [`  … and ${more} more`] : []),
            ]
          : []),
        ...(result.chainCount > 0
          ? [
              `refusing to start: ${result.chainCount} breaks of the hash chain among the events checked:`,
              ...broken,
            ]
          : []),
        'Serving anyway would fail the requests that read them and stop the process runner at the first one.',
        'Run `npx imtahan audit` for the full report (docs/auditors.md); repair the store or deploy a version that reads these events.',
      ].join('\n'),
    )
  }
}

/**
 * Before listening: decode and hash-chain-check the events written since the
 * last start that checked them (`VERIFIED_CHECKPOINT`, in the store's
 * database), and refuse to start on one that fails, rather than serve and
 * fail later (a request, or the process runner half-way through a transfer).
 * Only then is the checkpoint moved, so a refused start is refused again
 * until the log is repaired. The cost follows what was written since, not
 * the history; the whole-log check is `imtahan audit`. Names streams,
 * revisions, types and field paths only — never event data, which may be
 * personal.
 */
export const checkLogBeforeServing = async (
  log: EventLog,
  logger: Logger,
  checkpoints: CheckpointStore,
): Promise<LogVerifyResult> => {
  const after = await checkpoints.load(VERIFIED_CHECKPOINT)
  logger.info(
    { from: after === undefined ? 'start' : after.commit.toString() },
    'log check: decoding and hash-chain-checking the events since the last check',
  )
  const result = await verifyLogSince(log, after)
  if (result.undecodableCount > 0 || result.chainCount > 0) {
    logger.error(
      {
        events: result.events,
        undecodable: result.undecodableCount,
        chainBreaks: result.chainCount,
        first: [
          ...result.undecodable.map((event) => `${event.streamId}@${event.revision}`),
          ...result.chain.map((finding) => finding.message.split(':')[0]),
        ],
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
  if (result.last !== undefined && result.events > 0) await checkpoints.save(VERIFIED_CHECKPOINT, result.last)
  logger.info(
    { events: result.events, ms: result.ms },
    'log check: every event since the last check is sound',
  )
  return result
}
