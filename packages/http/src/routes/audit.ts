import {
  type EventLog,
  type Position,
  type RecordedEvent,
  readWholeStream,
  toExportLine,
} from '@imtahan/adapters'
import { domainError } from '@imtahan/domain'
import * as E from 'fp-ts/lib/Either.js'
import { object, text } from '../openapi/codecs.js'
import type { AddRoute } from './deps.js'

const NDJSON = 'application/x-ndjson'
export const AUDIT_PAGE_DEFAULT = 1000
export const AUDIT_PAGE_MAX = 10_000

/** `commit/prepare` (or one number for both), as `imtahan audit` prints a position. */
const POSITION = /^(\d{1,19})(?:\/(\d{1,19}))?$/

const positionOf = (text: string): Position | undefined => {
  const match = POSITION.exec(text)
  if (match === null) return undefined
  const commit = BigInt(match[1]!)
  return { commit, prepare: match[2] === undefined ? commit : BigInt(match[2]) }
}

const invalid = (problem: string) =>
  E.left(domainError('validation.invalid_input', `Invalid input: ${problem}`, { problems: [problem] }))

/** One export line per event (the encoder of `imtahan export`), streamed as it is read. */
const ndjson = (events: AsyncIterable<RecordedEvent>, headers: Record<string, string> = {}): Response => {
  const encoder = new TextEncoder()
  const iterator = events[Symbol.asyncIterator]()
  const body = new ReadableStream<Uint8Array>({
    pull: async (controller) => {
      const next = await iterator.next()
      if (next.done) controller.close()
      else controller.enqueue(encoder.encode(`${toExportLine(next.value)}\n`))
    },
    cancel: async () => {
      await iterator.return?.()
    },
  })
  return new Response(body, { status: 200, headers: { 'content-type': NDJSON, ...headers } })
}

async function* listed(events: readonly RecordedEvent[]) {
  yield* events
}

/**
 * SPEC §5: the auditor reads every stream and replays, over HTTP as well as
 * from an export file. Lines are those of `imtahan export`, so what an
 * auditor pages here audits (`imtahan audit --from-file`) with the same
 * digest as an export taken at the same moment.
 */
export const auditRoutes = (add: AddRoute, log: EventLog) => {
  add({
    method: 'get',
    path: '/audit/log',
    operationId: 'readAuditLog',
    tag: 'Auditor',
    summary: 'Page through the whole event log in global order, as NDJSON (SPEC §5)',
    description:
      'One event a line, exactly as `imtahan export` writes it (revisions and positions as decimal strings, ' +
      'each event with its `hash` and `previousHash`). `from` is the position of the last event already read ' +
      '(`commit/prepare`, as in each line’s `position`); the page holds the events strictly after it. ' +
      'While a page is full, `Imtahan-Next-From` names the `from` of the next page; without that header the log ' +
      'has been read to its end.',
    guard: 'auditor',
    query: object(
      'AuditLogQuery',
      {},
      {
        from: text(
          'Position of the last event already read, `commit/prepare`; omitted: from the start',
          '1140/1857',
        ),
        limit: text(`Events per page, 1 to ${AUDIT_PAGE_MAX} (default ${AUDIT_PAGE_DEFAULT})`, '1000'),
      },
    ),
    success: {
      status: 200,
      description: 'NDJSON, one recorded event a line, in global order',
      mediaType: NDJSON,
    },
    errors: ['auth.forbidden'],
    handle: async ({ query }) => {
      const after = query.from === undefined ? undefined : positionOf(query.from)
      if (query.from !== undefined && after === undefined)
        return invalid('query.from: a position is `commit/prepare`, two whole numbers')
      const limit = query.limit === undefined ? AUDIT_PAGE_DEFAULT : Number(query.limit)
      if (!/^\d+$/.test(query.limit ?? '1') || limit < 1 || limit > AUDIT_PAGE_MAX)
        return invalid(`query.limit: a whole number from 1 to ${AUDIT_PAGE_MAX}`)
      const page = await log.readAll(after === undefined ? { maxCount: limit } : { after, maxCount: limit })
      const last = page.at(-1)
      const next =
        page.length === limit && last !== undefined
          ? { 'imtahan-next-from': `${last.position.commit}/${last.position.prepare}` }
          : {}
      return E.right(ndjson(listed(page), next))
    },
  })

  add({
    method: 'get',
    path: '/audit/streams/{streamId}',
    operationId: 'readAuditStream',
    tag: 'Auditor',
    summary: 'One stream from revision 0, as NDJSON (SPEC §5)',
    description:
      'The stream’s events in revision order, one `imtahan export` line each; an unknown stream is an empty body.',
    guard: 'auditor',
    params: object('AuditStreamParams', {
      streamId: text('A stream id, e.g. `exam-<examId>` or `wallet-<cabinetId>`', 'exam-demo-2026-06-01'),
    }),
    success: {
      status: 200,
      description: 'NDJSON, one recorded event a line, in revision order',
      mediaType: NDJSON,
    },
    errors: ['auth.forbidden'],
    handle: async ({ params }) => E.right(ndjson(readWholeStream(log, params.streamId))),
  })
}
