import type { DevClock, Imtahan } from '@imtahan/adapters'
import { domainError } from '@imtahan/domain'
import * as E from 'fp-ts/lib/Either.js'
import type { MiddlewareHandler } from 'hono'
import * as t from 'io-ts'
import { object, text } from '../openapi/codecs.js'
import { describeCodec } from '../openapi/json-schema.js'
import type { AddRoute } from './deps.js'

/**
 * Development only: before each request, the dev clock catches up with a move
 * made on another process on the same database (one single-row read), so a
 * move acknowledged anywhere holds for every request that starts after it.
 */
export const followDevClock =
  (clock: DevClock): MiddlewareHandler =>
  async (_c, next) => {
    await clock.refresh()
    await next()
  }

const minutes = describeCodec(
  new t.Type<number, number, unknown>('number', t.number.is, t.number.validate, t.number.encode),
  { type: 'number', exclusiveMinimum: 0, description: 'Minutes to move forward', example: 90 },
)

/**
 * Development only: `POST /dev/clock` moves the server's clock forward, so a
 * sitting's registration closes, it starts and ends, and its deadlines pass
 * within minutes of real time. Sessions, tokens and codes age with it.
 */
export const devClockRoutes = (add: AddRoute, clock: DevClock, imtahan: Imtahan) => {
  add({
    method: 'post',
    path: '/dev/clock',
    operationId: 'moveDevClock',
    tag: 'Development',
    summary: 'Move the server’s clock forward (dev mode only; never back)',
    description:
      'Send `{ "advanceMinutes": n }` or `{ "to": "<instant>" }`. The clock only moves forward. ' +
      'Sessions due to close by the new time are closed at once (EXM-16). Sign-in tokens expire as time ' +
      'moves: sign in again after a long move. Processes on one database share the clock: a move on one ' +
      'holds on all from their next request.',
    guard: 'none',
    body: object(
      'DevClockMove',
      {},
      { advanceMinutes: minutes, to: text('An instant after the server’s now', '2026-06-10T06:00:00Z') },
    ),
    requestExample: { advanceMinutes: 90 },
    success: {
      status: 200,
      description: 'The server’s time after the move',
      codec: object('DevClock', {
        now: text('The server’s now', '2026-06-10T07:30:00.000Z'),
        aheadMinutes: describeCodec(
          new t.Type<number, number, unknown>('number', t.number.is, t.number.validate, t.number.encode),
          { type: 'number', description: 'How far ahead of real time the clock is', example: 90 },
        ),
        closedSessions: describeCodec(
          new t.Type<number, number, unknown>('number', t.number.is, t.number.validate, t.number.encode),
          {
            type: 'integer',
            description: 'Exam sessions closed by their deadline after the move',
            example: 0,
          },
        ),
      }),
    },
    errors: ['dev.clock_backwards', 'dev.clock_move_invalid'],
    handle: async ({ body }) => {
      const given = [body.advanceMinutes, body.to].filter((value) => value !== undefined).length
      const target =
        body.to !== undefined
          ? new Date(body.to)
          : new Date(clock.now().getTime() + (body.advanceMinutes ?? 0) * 60_000)
      if (given !== 1 || Number.isNaN(target.getTime()) || (body.advanceMinutes ?? 1) <= 0)
        return E.left(
          domainError(
            'dev.clock_move_invalid',
            'Send exactly one of advanceMinutes (a number above 0) or to (an ISO 8601 instant).',
          ),
        )
      try {
        clock.moveTo(target)
      } catch (error) {
        return E.left(
          domainError('dev.clock_backwards', error instanceof Error ? error.message : String(error)),
        )
      }
      // Other processes on the same database take the new time from their next request on.
      await clock.publish()
      const closedSessions = await imtahan.exams.closeDueSessions()
      return E.right({
        now: clock.now().toISOString(),
        aheadMinutes: Math.round(clock.offset() / 600) / 100,
        closedSessions,
      })
    },
  })
}
