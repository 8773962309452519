import { randomBytes } from 'node:crypto'
import {
  type Call,
  type CheckpointStore,
  ContactsInput,
  CreditInput,
  createDevSmsSender,
  createFinFingerprint,
  createFixtureRegistry,
  createHmacCodeHasher,
  createImtahan,
  createScryptPasswordHasher,
  createTestClock,
  DefineSittingInput,
  type DevSmsSender,
  type EventStore,
  type Imtahan,
  type Logger,
  PasswordInput,
  PaymentNotice,
  PhoneCodeInput,
  registrationInput,
} from '@imtahan/adapters'
import {
  type AnswerKey,
  DEFAULT_BLUEPRINT,
  type DomainError,
  decodeWith,
  type Form,
  SUBJECTS,
  type Task,
  type TaskKey,
} from '@imtahan/domain'
import { deriveKey } from '@imtahan/http'
import * as E from 'fp-ts/lib/Either.js'

/**
 * The answer-load bench's world: one sitting of group BB and `count`
 * candidates enrolled, registered, admitted and seated through the facade,
 * so the measured part (http-load.ts) starts five minutes into the exam.
 */
export const EXAM_ID = 'load-2026-06'
/** 10 June 2026, 10:00 Baku. */
const STARTS_AT = new Date('2026-06-10T06:00:00Z')
const HALL_SEATS = 60
export const SEED_WIDTH = 8
const BOARD: Call = { caller: { kind: 'board' } }
const STAFF: Call = { caller: { kind: 'staff' } }
const ANONYMOUS: Call = { caller: { kind: 'anonymous' } }
const PROVIDER: Call = { caller: { kind: 'payment_provider' } }
const asCabinet = (cabinetId: string): Call => ({ caller: { kind: 'cabinet', cabinetId } })
export const minutesFromStart = (minutes: number) => new Date(STARTS_AT.getTime() + minutes * 60_000)

export const must = <A>(step: string, result: E.Either<DomainError, A>): A => {
  if (E.isLeft(result)) throw new Error(`${step}: ${result.left.code}: ${result.left.message}`)
  return result.right
}

/** Group BB: every task is closed (four options), so any letter A–D is a valid answer to any task. */
const formBB = (): { form: Form; key: AnswerKey } => {
  const counts = DEFAULT_BLUEPRINT.groups.BB.subjects
  const tasks: Task[] = []
  const key: Record<string, TaskKey> = {}
  for (const subject of SUBJECTS)
    for (const type of ['open', 'closed'] as const)
      for (let i = 0; i < counts[subject][type]; i++) {
        const n = tasks.length
        const id = `bb-${n}`
        if (type === 'closed') {
          tasks.push({ id, subject, type, text: `Sual ${n}`, options: ['bir', 'iki', 'üç', 'dörd'] })
          key[id] = { type, option: (['A', 'B', 'C', 'D'] as const)[n % 4]! }
        } else {
          tasks.push({ id, subject, type, text: `Sual ${n}` })
          key[id] = { type, accepted: [`${n},5`] }
        }
      }
  const ids = tasks.map((task) => task.id)
  return {
    form: { formId: 'form-BB-load', group: 'BB', tasks, variants: [{ name: 'A', order: ids }] },
    key,
  }
}

export const inParallel = async <T, R>(items: readonly T[], width: number, act: (item: T) => Promise<R>) => {
  const results = new Array<R>(items.length)
  let next = 0
  await Promise.all(
    Array.from({ length: Math.min(width, items.length) }, async () => {
      for (let i = next++; i < items.length; i = next++) results[i] = await act(items[i]!)
    }),
  )
  return results
}

/**
 * The facade the benches seed through, with its test clock and dev SMS
 * outbox. Passwords are hashed cheaply on purpose (seeding signs up hundreds
 * of cabinets). With `secret`, FIN fingerprints and code hashes are keyed as
 * `imtahan serve` keys them, so servers started with that secret find the
 * seeded cabinets; without, keys are random.
 */
export const seedingFacade = (
  store: EventStore,
  checkpoints: CheckpointStore,
  logger: Logger,
  secret?: Buffer,
) => {
  const key = (purpose: string) => (secret === undefined ? randomBytes(32) : deriveKey(secret, purpose))
  const clock = createTestClock(minutesFromStart(-12 * 24 * 60))
  const sms = createDevSmsSender()
  const imtahan = createImtahan({
    store,
    registry: createFixtureRegistry(),
    sms,
    passwordHasher: createScryptPasswordHasher({ N: 2 ** 10, r: 8, p: 1 }),
    codeHasher: createHmacCodeHasher(key('confirmation-codes')),
    finFingerprint: createFinFingerprint(key('fin-fingerprint')),
    clock,
    checkpoints,
    logger,
  })
  return { imtahan, clock, sms }
}

/** How seeded candidate `n` signs in (a password hashed cheaply at seeding). */
export const seededLogin = (n: number) => {
  const digits = String(n).padStart(4, '0')
  return { login: `DEV${digits}`, password: `Load-${digits}-parol` }
}

/** CAB-1…7, PAY-1…3, EXM-10 for generated person `DEVnnnn`, through the facade; the cabinet id. */
const enrol = async (
  app: Imtahan,
  sms: DevSmsSender,
  n: number,
  at: (minutes: number) => Date,
): Promise<string> => {
  const digits = String(n).padStart(4, '0')
  const fin = `DEV${digits}`
  const document = { series: 'AZE', number: `1000${digits}` }
  const phone = `+99450${String(n).padStart(7, '0')}`
  const step = (what: string) => `${fin} ${what}`
  // Typed as a person would: decoded at the bench's own edge, as HTTP does.
  const typed =
    (what: string) =>
    <A>(decoded: E.Either<DomainError, A>) =>
      must(step(what), decoded)
  const registration = registrationInput(app.policy.cabinet.documentSeries)
  const { cabinetId } = must(
    step('starts a cabinet'),
    await app.cabinets.startRegistration(
      typed('types')(decodeWith(registration)({ document, fin })),
      ANONYMOUS,
    ),
  )
  const contacts = typed('types a phone')(decodeWith(ContactsInput)({ phone }))
  must(step('gives a phone'), await app.cabinets.setContacts(cabinetId, contacts, ANONYMOUS))
  const code = typed('types the code')(
    decodeWith(PhoneCodeInput)({ code: /\b(\d{6})\b/.exec(sms.lastMessageTo(phone) ?? '')?.[1] }),
  )
  must(step('confirms the phone'), await app.cabinets.confirmPhone(cabinetId, code, ANONYMOUS))
  const password = typed('types a password')(decodeWith(PasswordInput)({ password: seededLogin(n).password }))
  must(step('sets a password'), await app.cabinets.completeRegistration(cabinetId, password, ANONYMOUS))
  const paymentCode = `LOAD-${fin}`
  must(
    step('pays'),
    await app.payments.receive(
      typed('states a payment')(
        decodeWith(PaymentNotice)({
          paymentCode,
          amount: '20.00',
          documentNumber: document.number,
          paidAt: at(-11 * 24 * 60).toISOString(),
          providerReference: `load-${n}`,
        }),
      ),
      PROVIDER,
    ),
  )
  const me = asCabinet(cabinetId)
  const credit = typed('types the code')(decodeWith(CreditInput)({ paymentCode, method: 'code' }))
  must(step('credits'), await app.accounts.creditPayment(cabinetId, credit, me))
  // `pending` is an answer too (EXM-10): a step lost its race with the other registrations on the
  // sitting and the process runner finishes it with the same ids. `seed` settles the runners before it
  // reads the roster, and a candidate without a seat there stops the seeding.
  must(step('registers'), await app.exams.candidate.register(cabinetId, EXAM_ID, { subgroup: 'BB1' }, me))
  return cabinetId
}

/**
 * The sitting, then `count` candidates registered, admitted and seated; the
 * clock ends 5 minutes into the exam. `startsAt` (10 June 2026 by default) may
 * be a few minutes before real time, for servers that run on the real clock.
 */
export const seed = async (
  app: Imtahan,
  sms: DevSmsSender,
  clock: ReturnType<typeof createTestClock>,
  count: number,
  startsAt: Date = STARTS_AT,
) => {
  const at = (minutes: number) => new Date(startsAt.getTime() + minutes * 60_000)
  const { form, key } = formBB()
  clock.set(at(-12 * 24 * 60))
  must(
    'define the sitting',
    await app.exams.board.defineSitting(
      must(
        'the sitting',
        decodeWith(DefineSittingInput)({
          examId: EXAM_ID,
          title: 'Load test sitting',
          startsAt: startsAt.toISOString(),
          venue: { name: 'Load test centre', address: 'Baku, loopback 1' },
          halls: Array.from({ length: Math.ceil(count / HALL_SEATS) }, (_, i) => ({
            hallId: `hall-${i + 1}`,
            name: `Hall ${i + 1}`,
            seats: HALL_SEATS,
          })),
          forms: [{ form, key }],
          fee: '15.00',
          timing: {},
          by: 'board-load',
        }),
      ),
      BOARD,
    ),
  )
  clock.set(at(-10 * 24 * 60))
  const cabinets = await inParallel(
    Array.from({ length: count }, (_, n) => n),
    SEED_WIDTH,
    (n) => enrol(app, sms, n, at),
  )
  // The roster is a view the runners keep up to date: on a busy machine it may not have every slip yet.
  await app.settle()
  const roster = must('roster', await app.exams.staff.roster(EXAM_ID, STAFF))
  const seats = new Map(roster.map((row) => [row.sessionId, row]))
  clock.set(at(-40))
  await inParallel(cabinets, SEED_WIDTH, async (cabinetId) => {
    const sessionId = `${EXAM_ID}.${cabinetId}`
    const seat = seats.get(sessionId)
    if (seat?.slipNumber === undefined) throw new Error(`${sessionId} has no seat`)
    const admitted = must(
      `${sessionId} admitted`,
      await app.exams.staff.admit(
        EXAM_ID,
        sessionId,
        {
          document: { kind: 'id_card', original: true, holderMatches: true, validUntil: '2030-01-01' },
          slip: { slipNumber: seat.slipNumber, examId: EXAM_ID },
          by: 'staff-load',
        },
        STAFF,
      ),
    )
    if (!admitted.admitted) throw new Error(`${sessionId} refused: ${admitted.reasons.join(', ')}`)
  })
  clock.set(at(-25))
  await inParallel(cabinets, SEED_WIDTH, async (cabinetId) => {
    const sessionId = `${EXAM_ID}.${cabinetId}`
    const seat = seats.get(sessionId)
    if (seat?.hallId === undefined || seat.seat === undefined) throw new Error(`${sessionId} has no seat`)
    must(
      `${sessionId} seated`,
      await app.exams.staff.registerInHall(
        EXAM_ID,
        sessionId,
        { hallId: seat.hallId, seat: seat.seat, by: 'staff-load' },
        STAFF,
      ),
    )
  })
  clock.set(at(5))
  return { cabinets, tasks: form.tasks.map((task) => task.id) }
}
