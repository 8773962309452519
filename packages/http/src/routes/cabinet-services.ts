import * as t from 'io-ts'
import { callOf, ownCabinet } from '../context.js'
import { cabinetId, instant, money, object, text } from '../openapi/codecs.js'
import type { AddRoute, RouteDeps } from './deps.js'
import { subgroup } from './enums.js'

/*
 * CAB-11 "services used" as an exact codec: encoding drops what is not
 * declared here, so a commission member's id (who decided an appeal) or the
 * view's bookkeeping never leaves the server.
 */

const examId = text('The sitting', 'cs-2026-06')
const sessionId = text('Your session in that sitting: <examId>.<cabinetId>', 'cs-2026-06.6f1c2a3b')
const registrationId = text('One registration attempt: <sessionId>:<attempt>', 'cs-2026-06.6f1c2a3b:1')

const Slip = object('ServiceSlip', {
  slipNumber: text('Admission slip number (buraxılış vərəqəsi)', 'cs-2026-06-00017'),
  title: t.string,
  venue: object('ServiceVenue', { name: t.string, address: t.string }),
  hallName: t.string,
  seat: t.number,
  startsAt: instant,
  arriveBy: instant,
})

const RegistrationService = object(
  'RegistrationService',
  {
    registrationId,
    sessionId,
    examId,
    subgroup,
    fee: money,
    requestedAt: instant,
    status: t.keyof({
      requested: null,
      registered: null,
      refused: null,
      admitted: null,
      not_admitted: null,
      finished: null,
      annulled: null,
    }),
  },
  {
    registeredAt: instant,
    slip: Slip,
    chargeId: text('The account charge that paid the fee', 'examfee:cs-2026-06.6f1c2a3b:1'),
    refusalReason: text('Why it was refused (EXM-10)', 'wallet.insufficient_funds'),
  },
)

const FeeService = object(
  'FeeService',
  {
    chargeId: t.string,
    service: text('The Centre’s service', 'exam-registration'),
    purpose: text(
      'What the money paid for (WAL-3)',
      'Registration for exam cs-2026-06, slip cs-2026-06-00017',
    ),
    amount: money,
    paidAt: instant,
  },
  { registrationId, examId },
)

const AppealService = object(
  'AppealService',
  {
    appealId: text('<sessionId>:appeal-<n>', 'cs-2026-06.6f1c2a3b:appeal-1'),
    sessionId,
    examId,
    filedAt: instant,
    status: t.keyof({ open: null, rejected: null, upheld: null }),
  },
  {
    decision: object('AppealServiceDecision', {
      outcome: t.keyof({ rejected: null, upheld: null }),
      reasons: t.string,
      at: instant,
    }),
    court: object(
      'AppealServiceCourt',
      { caseReference: t.string, filedAt: instant },
      { ruling: t.keyof({ decision_stands: null, result_changed: null }) },
    ),
  },
)

export const ServicesUsed = object('ServicesUsed', {
  cabinetId,
  registrations: t.readonlyArray(RegistrationService),
  fees: t.readonlyArray(FeeService),
  appeals: t.readonlyArray(AppealService),
})

const EXAMPLE = {
  cabinetId: '6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b',
  registrations: [
    {
      registrationId: 'cs-2026-06.6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b:1',
      sessionId: 'cs-2026-06.6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b',
      examId: 'cs-2026-06',
      subgroup: 'BB1',
      fee: '15.00',
      requestedAt: '2026-05-20T08:00:00.000Z',
      status: 'finished',
      registeredAt: '2026-05-20T08:00:00.000Z',
      slip: {
        slipNumber: 'cs-2026-06-00017',
        title: 'Civil service test, June 2026',
        venue: { name: 'DİM test centre 1', address: 'Baku, Istiqlaliyyat 7' },
        hallName: 'Hall 1',
        seat: 17,
        startsAt: '2026-06-10T06:00:00.000Z',
        arriveBy: '2026-06-10T05:30:00.000Z',
      },
      chargeId: 'examfee:cs-2026-06.6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b:1',
    },
  ],
  fees: [
    {
      chargeId: 'examfee:cs-2026-06.6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b:1',
      service: 'exam-registration',
      purpose: 'Registration for exam cs-2026-06, slip cs-2026-06-00017',
      amount: '15.00',
      paidAt: '2026-05-20T08:00:00.000Z',
      registrationId: 'cs-2026-06.6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b:1',
      examId: 'cs-2026-06',
    },
  ],
  appeals: [
    {
      appealId: 'cs-2026-06.6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b:appeal-1',
      sessionId: 'cs-2026-06.6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b',
      examId: 'cs-2026-06',
      filedAt: '2026-06-11T07:00:00.000Z',
      status: 'upheld',
      decision: {
        outcome: 'upheld',
        reasons: 'The option you chose is also correct.',
        at: '2026-06-12T08:00:00.000Z',
      },
    },
  ],
}

/** CAB-11 for the signed-in owner: always the token's own cabinet, never one named in the URL. */
export const cabinetServicesRoutes = (add: AddRoute, { imtahan }: RouteDeps) => {
  add({
    method: 'get',
    path: '/cabinets/me/services',
    operationId: 'listMyServices',
    tag: 'Cabinet',
    summary: 'Services used: exam registrations with their slips, fees paid and for what, appeals (CAB-11)',
    description:
      'Each list oldest first. A refused registration (EXM-10: no seat, not enough money) is listed with ' +
      'its reason next to the retry. Fees are the account’s charges (WAL-3); results and revisions are in ' +
      '`/cabinets/me/record`, the money lines in `/accounts/me`.',
    guard: 'session',
    success: { status: 200, description: 'The services used', codec: ServicesUsed, example: EXAMPLE },
    errors: ['auth.unauthenticated'],
    handle: async ({ c }) => imtahan.cabinets.servicesUsed(ownCabinet(c), callOf(c)),
  })
}
