import * as fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import {
  CabinetId,
  DEFAULT_FIN_HOLD_SECONDS,
  type FinReservationCommand,
  type FinReservationEvent,
  finHolderOf,
  finReservationDecider,
  fold,
} from '../../src/index.js'
import { specification } from '../support/specification.js'
import { decoded } from '../values/codec-assertions.js'
import { at, cabinetId, otherCabinetId, T0 } from './fixtures.js'

const reservation = specification(finReservationDecider)
const ctx = (now: Date = T0, holdSeconds = DEFAULT_FIN_HOLD_SECONDS) => ({ now, holdSeconds })
const reserve = (id = cabinetId) => ({ type: 'Reserve', cabinetId: id }) as const
const reserved = { type: 'FinReserved', cabinetId, reservedAt: T0 } as const
const done = { type: 'FinReservationCompleted', cabinetId, completedAt: at(600) } as const
const HOUR = 3600

/** A stream that appends only at the expected revision, like every store behind the port. */
const streamAt = (history: FinReservationEvent[] = []) => ({
  events: history,
  append(expectedRevision: number, events: readonly FinReservationEvent[]): boolean {
    if (this.events.length !== expectedRevision) return false
    this.events.push(...events)
    return true
  },
})

describe('One person, one cabinet: the FIN reservation (CAB-3)', () => {
  it('CAB-3: the first registration reserves the FIN; the same cabinet again is idempotent', () => {
    reservation.given([]).when(reserve(), ctx()).then([reserved])
    reservation
      .given([reserved])
      .when(reserve(), ctx(at(60)))
      .then([])
  })

  it('CAB-3: a second registration for a FIN that has a cabinet is refused and pointed to password recovery', () => {
    const error = reservation
      .given([reserved, done])
      .when(reserve(otherCabinetId), ctx(at(90 * 24 * HOUR)))
      .thenFails('cabinet.already_exists')
    expect(error.message).toContain('A cabinet already exists for this FIN')
    expect(error.message).toContain('Forgot password')
  })

  it('CAB-3: while another registration is in progress a new one is refused with when to retry', () => {
    const error = reservation
      .given([reserved])
      .when(reserve(otherCabinetId), ctx(at(HOUR)))
      .thenFails('cabinet.registration_in_progress')
    expect(error.details).toEqual({ retryAt: at(24 * HOUR).toISOString() })
  })

  it('CAB-3: a registration abandoned longer than the hold (24 h, configurable) hands the FIN over', () => {
    const handOver = {
      type: 'FinReservationReassigned',
      cabinetId: otherCabinetId,
      previousCabinetId: cabinetId,
    } as const
    reservation
      .given([reserved])
      .when(reserve(otherCabinetId), ctx(at(24 * HOUR)))
      .then([{ ...handOver, reservedAt: at(24 * HOUR) }])
    reservation
      .given([reserved])
      .when(reserve(otherCabinetId), ctx(at(HOUR), HOUR))
      .then([{ ...handOver, reservedAt: at(HOUR) }])
  })

  it('CAB-3: only the holder completes; the one it was taken from cannot, and completing twice is idempotent', () => {
    reservation
      .given([reserved])
      .when({ type: 'MarkCompleted', cabinetId }, ctx(at(600)))
      .then([done])
    reservation
      .given([reserved, done])
      .when({ type: 'MarkCompleted', cabinetId }, ctx(at(700)))
      .then([])
    const handedOver = {
      type: 'FinReservationReassigned',
      cabinetId: otherCabinetId,
      previousCabinetId: cabinetId,
      reservedAt: at(25 * HOUR),
    } as const
    reservation
      .given([reserved, handedOver])
      .when({ type: 'MarkCompleted', cabinetId }, ctx(at(26 * HOUR)))
      .thenFails('cabinet.fin_not_reserved')
    reservation
      .given([])
      .when({ type: 'MarkCompleted', cabinetId }, ctx())
      .thenFails('cabinet.fin_not_reserved')
    expect(finHolderOf(fold(finReservationDecider, [reserved, handedOver]))).toBe(otherCabinetId)
  })

  it('CAB-3: two concurrent registrations decide against the same state; only one append succeeds and the other, re-decided, is refused', () => {
    const stream = streamAt()
    const revision = stream.events.length
    const state = fold(finReservationDecider, stream.events)
    const first = finReservationDecider.decide(reserve(cabinetId), state, ctx())
    const second = finReservationDecider.decide(reserve(otherCabinetId), state, ctx())
    expect(E.isRight(first) && E.isRight(second)).toBe(true)
    if (E.isLeft(first) || E.isLeft(second)) return
    expect(stream.append(revision, first.right)).toBe(true)
    expect(stream.append(revision, second.right)).toBe(false)
    const retried = finReservationDecider.decide(
      reserve(otherCabinetId),
      fold(finReservationDecider, stream.events),
      ctx(at(1)),
    )
    expect(E.isLeft(retried) && retried.left.code).toBe('cabinet.registration_in_progress')
    expect(finHolderOf(fold(finReservationDecider, stream.events))).toBe(cabinetId)
  })

  it('CAB-3 property: whatever the order and timing of attempts, at most one cabinet ever completes for a FIN', () => {
    const ids = [cabinetId, otherCabinetId, decoded(CabinetId, '11111111-2222-4333-8444-555555555555')]
    const step = fc.record({
      reserve: fc.boolean(),
      who: fc.constantFrom(...ids),
      afterSeconds: fc.integer({ min: 0, max: 30 * HOUR }),
    })
    fc.assert(
      fc.property(fc.array(step, { maxLength: 30 }), (steps) => {
        const stream = streamAt()
        let now = T0.getTime()
        for (const { reserve: isReserve, who, afterSeconds } of steps) {
          now += afterSeconds * 1000
          const command: FinReservationCommand = {
            type: isReserve ? 'Reserve' : 'MarkCompleted',
            cabinetId: who,
          }
          const decision = finReservationDecider.decide(
            command,
            fold(finReservationDecider, stream.events),
            ctx(new Date(now)),
          )
          if (E.isRight(decision)) stream.append(stream.events.length, decision.right)
        }
        const completedBy = new Set(
          stream.events.filter((e) => e.type === 'FinReservationCompleted').map((e) => e.cabinetId),
        )
        expect(completedBy.size).toBeLessThanOrEqual(1)
        const firstCompletion = stream.events.findIndex((e) => e.type === 'FinReservationCompleted')
        if (firstCompletion >= 0)
          expect(stream.events.slice(firstCompletion).some((e) => e.type !== 'FinReservationCompleted')).toBe(
            false,
          )
      }),
    )
  })
})
