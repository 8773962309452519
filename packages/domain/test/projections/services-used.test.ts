import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  type AppealCommand,
  type AppealEvent,
  type CabinetNumber,
  foldServicesUsed,
  Money,
  type ServicesUsedEvent,
  type SessionEvent,
  type WalletEvent,
} from '../../src/index.js'
import {
  APPEAL_1,
  appealContext,
  fileCommand,
  nearlyPassing,
  playAppeal,
  realAppealable,
  WRONG_TASK,
} from '../appeal/fixtures.js'
import {
  EXAM,
  money,
  play,
  REGISTERED_AT,
  REGISTRATION,
  registered,
  S,
  SESSION,
} from '../exam/session/fixtures.js'

const FILED = new Date('2026-06-16T07:00:00Z')
const DECIDED = new Date('2026-06-22T07:00:00Z')
const OPENED = new Date('2026-05-01T09:00:00Z')
const CHARGE = `examfee:${REGISTRATION}`
const PURPOSE = `Registration for exam ${EXAM}, slip ${EXAM}-00001`

/** The cabinet's wallet: opened (WAL-1), topped up, the registration fee charged (WAL-3). */
const wallet = (cabinetId = 'cab-1', walletId = '10000016'): WalletEvent[] => [
  {
    type: 'WalletOpened',
    walletId,
    cabinetId,
    cabinetNumber: walletId as CabinetNumber,
    openedAt: OPENED,
  },
  {
    type: 'TopUpCredited',
    walletId,
    amount: money('20.00'),
    balance: money('20.00'),
    paymentCode: 'PAY-1' as never,
    at: OPENED,
  },
  {
    type: 'FeeCharged',
    walletId,
    chargeId: cabinetId === 'cab-1' ? CHARGE : `examfee:${EXAM}.${cabinetId}:1`,
    service: 'exam-registration',
    purpose: PURPOSE,
    amount: money('10.00'),
    balance: money('10.00'),
    at: REGISTERED_AT,
  },
]

const reject: AppealCommand = {
  type: 'RejectAppeal',
  appealId: APPEAL_1,
  reasons: 'Only option A follows from the text.',
  decidedBy: 'commission-7',
}

/** Registered with a slip, sat the exam, appealed; the appeal rejected. */
const story = () => {
  const session: SessionEvent[] = nearlyPassing()
  const appeal: AppealEvent[] = playAppeal([
    [fileCommand({ taskIds: [WRONG_TASK] }), appealContext(FILED, { session: realAppealable(session) })],
    [reject, appealContext(DECIDED)],
  ])
  return { session, appeal, wallet: wallet() }
}

/** The same three streams for another cabinet, `cab-2`. */
const stranger = (): ServicesUsedEvent[] => {
  const { session, appeal } = story()
  const other = `${EXAM}.cab-2`
  return [
    ...session.map((event) => ({ ...event, sessionId: other }) as SessionEvent),
    ...appeal.map(
      (event) =>
        ({
          ...event,
          sessionId: other,
          appealId: `${other}:appeal-1`,
          ...(event.type === 'AppealFiled' ? { cabinetId: 'cab-2' } : {}),
        }) as AppealEvent,
    ),
    ...wallet('cab-2', '10000024'),
  ]
}

describe('Cabinet: services used (CAB-11)', () => {
  it('CAB-11: the registration with its slip, the fee with its purpose and the appeal with its decision', () => {
    const { session, appeal, wallet } = story()
    const services = foldServicesUsed('cab-1', [...wallet, ...session, ...appeal])
    expect(services.registrations).toEqual([
      {
        registrationId: REGISTRATION,
        sessionId: SESSION,
        examId: EXAM,
        subgroup: 'BB2',
        fee: money('10.00'),
        requestedAt: REGISTERED_AT,
        status: 'finished',
        registeredAt: REGISTERED_AT,
        slip: {
          slipNumber: `${EXAM}-00001`,
          title: 'Civil service test, June 2026',
          venue: { name: 'DİM test centre 1', address: 'Baku, Istiqlaliyyat 7' },
          hallName: 'Hall 1',
          seat: 1,
          startsAt: S,
          arriveBy: new Date(S.getTime() - 30 * 60_000),
        },
        chargeId: CHARGE,
        refusalReason: undefined,
      },
    ])
    expect(services.fees).toEqual([
      {
        chargeId: CHARGE,
        service: 'exam-registration',
        purpose: PURPOSE,
        amount: money('10.00'),
        paidAt: REGISTERED_AT,
        registrationId: REGISTRATION,
        examId: EXAM,
      },
    ])
    expect(Money.format(services.fees[0]!.amount)).toBe('10.00')
    expect(services.appeals).toEqual([
      {
        appealId: APPEAL_1,
        sessionId: SESSION,
        examId: EXAM,
        filedAt: FILED,
        status: 'rejected',
        decision: { outcome: 'rejected', reasons: 'Only option A follows from the text.', at: DECIDED },
        court: undefined,
      },
    ])
  })

  it('CAB-11: another cabinet’s registrations, fees and appeals are never listed', () => {
    const { session, appeal, wallet } = story()
    const mine = foldServicesUsed('cab-1', [...wallet, ...session, ...appeal])
    expect(foldServicesUsed('cab-1', [...stranger(), ...wallet, ...session, ...appeal])).toEqual(mine)
    const theirs = foldServicesUsed('cab-2', [...stranger(), ...wallet, ...session, ...appeal])
    expect(theirs.registrations.map((r) => r.sessionId)).toEqual([`${EXAM}.cab-2`])
    expect(theirs.fees.map((f) => f.chargeId)).toEqual([`examfee:${EXAM}.cab-2:1`])
    expect(theirs.appeals.map((a) => a.appealId)).toEqual([`${EXAM}.cab-2:appeal-1`])
  })

  it('CAB-11 / EXM-10: a registration refused for lack of money and the paid retry are both listed, in order', () => {
    const retried = new Date(REGISTERED_AT.getTime() + 3_600_000)
    // The fixture's registration up to the seat, then the wallet's "no" instead of the slip, then a retry.
    const seated = registered().filter((event) => event.type !== 'RegistrationConfirmed')
    const events = play(
      [
        [
          {
            type: 'RefuseRegistration',
            sessionId: SESSION,
            registrationId: REGISTRATION,
            reason: 'wallet.insufficient_funds',
          },
          REGISTERED_AT,
        ],
        [
          { type: 'RequestRegistration', examId: EXAM, cabinetId: 'cab-1', walletId: 'w-1', subgroup: 'BB2' },
          retried,
        ],
      ],
      seated,
    )
    const { registrations, fees } = foldServicesUsed('cab-1', events)
    expect(registrations.map((r) => [r.registrationId, r.status, r.refusalReason, r.slip])).toEqual([
      [REGISTRATION, 'refused', 'wallet.insufficient_funds', undefined],
      [`${SESSION}:2`, 'requested', undefined, undefined],
    ])
    expect(fees).toEqual([])
  })

  it('CAB-11 / EXM-21: an annulled result shows on the registration; a court reversal shows it finished again', () => {
    const { session } = story()
    const annulled = play(
      [
        [
          {
            type: 'AnnulResult',
            sessionId: SESSION,
            decisionId: 'd-1',
            grounds: 'copying',
            counterpartSessionIds: [],
            decidedBy: 'board-1',
            decidedAt: FILED,
            reason: 'Copied from the neighbour',
            evidenceRef: 'video hall-1',
          },
          FILED,
        ],
      ],
      session,
    )
    const reversed = play(
      [
        [
          {
            type: 'FileCourtChallenge',
            sessionId: SESSION,
            challengeId: 'c-1',
            decisionId: 'd-1',
            caseReference: 'case-1',
          },
          FILED,
        ],
        [
          {
            type: 'RecordCourtRuling',
            sessionId: SESSION,
            challengeId: 'c-1',
            outcome: 'annulment_reversed',
            rulingReference: 'r-1',
          },
          DECIDED,
        ],
      ],
      annulled,
    )
    const status = (events: readonly ServicesUsedEvent[]) =>
      foldServicesUsed('cab-1', events).registrations[0]?.status
    expect(status(annulled)).toBe('annulled')
    expect(status(reversed)).toBe('finished')
  })

  it('CAB-11: the list is the same for every interleaving of the streams that keeps each stream’s order', () => {
    const { session, appeal, wallet } = story()
    const streams: readonly ServicesUsedEvent[][] = [session, appeal, wallet, stranger()]
    const expected = foldServicesUsed('cab-1', streams.flat())
    const total = streams.reduce((sum, stream) => sum + stream.length, 0)
    fc.assert(
      fc.property(fc.array(fc.nat(streams.length - 1), { minLength: total, maxLength: total }), (picks) => {
        const cursors = streams.map(() => 0)
        const merged: ServicesUsedEvent[] = []
        for (const pick of picks) {
          // The picked stream, or the next one with events left.
          let index = pick
          while ((cursors[index] ?? 0) >= (streams[index]?.length ?? 0)) index = (index + 1) % streams.length
          merged.push(streams[index]![cursors[index]!]!)
          cursors[index]! += 1
        }
        expect(foldServicesUsed('cab-1', merged)).toEqual(expected)
      }),
      { numRuns: 50 },
    )
  })
})
