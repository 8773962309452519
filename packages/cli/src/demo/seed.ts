import {
  ContactsInput,
  CreditInput,
  PasswordInput,
  PaymentNotice,
  PhoneCodeInput,
  registrationInput,
} from '@imtahan/adapters'
import { decodeWith, type ReviewImpact } from '@imtahan/domain'
import * as E from 'fp-ts/lib/Either.js'
import { admitAll, sitTheExam } from './exam-day.js'
import { buildDemoForms, type DemoForm } from './forms.js'
import { DEMO_FEE, type DemoCandidate, type DemoPlan, type PlannedCandidate, planDemo } from './plan.js'
import { createRandom } from './random.js'
import {
  anonymous,
  asCabinet,
  board,
  codeSentTo,
  type DemoPorts,
  inParallel,
  minutes,
  must,
  provider,
} from './steps.js'

export type DemoOptions = {
  readonly candidates: number
  readonly seed: number
  /** The sitting's start `S`; the demo's clock runs from three weeks before it to publication. */
  readonly startsAt: Date
  /** The first generated person `DEVnnnn` (default 0). */
  readonly first?: number
  /** Calls in flight at once while many candidates act at the same moment. */
  readonly parallel?: number
  readonly progress?: (line: string) => void
}

export type DemoReview = {
  readonly reviewId: string
  readonly taskId: string
  readonly reason: string
  readonly dryRun: ReviewImpact
  readonly revised: number
}

export type DemoRun = {
  readonly examId: string
  readonly startsAt: Date
  readonly plan: DemoPlan
  readonly forms: Readonly<Record<string, DemoForm>>
  readonly candidates: readonly DemoCandidate[]
  readonly review: DemoReview
  readonly publishedAt: Date
  readonly phases: ReadonlyArray<{ readonly phase: string; readonly seconds: number }>
}

const DAY = 24 * 60
const HALL_SEATS = 60

const personOf = (n: number) => {
  const digits = String(n).padStart(4, '0')
  return {
    fin: `DEV${digits}`,
    document: { series: 'AZE', number: `1000${digits}` },
    phone: `+99450${String(n).padStart(7, '0')}`,
    password: `Demo-${digits}-parol`,
  }
}

/** The sitting as the board defines it: one form per group, halls for everyone, a fee. */
const sittingInput = (examId: string, startsAt: Date, forms: Record<string, DemoForm>, count: number) => ({
  examId,
  title: `Dövlət qulluğu test imtahanı (demo), ${startsAt.toISOString().slice(0, 10)}`,
  startsAt: startsAt.toISOString(),
  venue: { name: 'DİM test mərkəzi 1 (demo)', address: 'Bakı, İstiqlaliyyət küçəsi 7' },
  halls: Array.from({ length: Math.ceil(count / HALL_SEATS) }, (_, i) => ({
    hallId: `hall-${i + 1}`,
    name: `Zal ${i + 1}`,
    seats: HALL_SEATS,
  })),
  forms: Object.values(forms).map(({ form, key }) => ({ form, key })),
  fee: DEMO_FEE,
  timing: {},
  by: 'board-demo',
})

/**
 * Seeds one realistic sitting through the application facade — never by
 * appending events — so everything the demo shows went through the same
 * decisions, processes and projections as a real request. The clock is the
 * demo's own: three weeks pass in seconds.
 */
export const runDemo = async (ports: DemoPorts, options: DemoOptions): Promise<DemoRun> => {
  const { app, clock } = ports
  const S = options.startsAt
  const width = options.parallel ?? 8
  const say = options.progress ?? (() => {})
  const random = createRandom(options.seed)
  const forms = buildDemoForms(random)
  const plan = planDemo(options.candidates, options.first ?? 0, random)
  const examId = `demo-${S.toISOString().slice(0, 10)}`
  const phases: Array<{ phase: string; seconds: number }> = []
  const timed = async <A>(phase: string, act: () => Promise<A>): Promise<A> => {
    const started = performance.now()
    say(`${phase}…`)
    const result = await act()
    phases.push({ phase, seconds: (performance.now() - started) / 1000 })
    return result
  }

  clock.set(minutes(S, -21 * DAY))
  await timed('board defines the sitting', async () =>
    must(
      'define the sitting',
      await app.exams.board.defineSitting(sittingInput(examId, S, forms, options.candidates), board),
    ),
  )

  // Cabinets, payments and registrations spread over two weeks, a few candidates at each instant.
  const registered = await timed(`${plan.candidates.length} cabinets, payments, registrations`, async () => {
    const batches = Math.ceil(plan.candidates.length / width)
    const out: DemoCandidate[] = []
    for (let b = 0; b < batches; b++) {
      clock.set(minutes(S, -20 * DAY + Math.floor((b * 18 * DAY) / batches)))
      const batch = plan.candidates.slice(b * width, (b + 1) * width)
      out.push(
        ...(await inParallel(batch, width, (candidate) => enrol(ports, examId, candidate, options.seed))),
      )
    }
    return out
  })

  const everyone = await timed('exam day: admission and seating', () =>
    admitAll(ports, examId, S, registered, width),
  )
  await timed('exam: answers, a warning, a removal, finishing', () =>
    sitTheExam(ports, examId, S, everyone, forms, random, width),
  )

  const review = await timed('expert review (dry run, then recorded)', async () => {
    clock.set(minutes(S, DAY + 4 * 60))
    const { taskId } = forms[plan.reviewedGroup]!.disputed
    const reason = `Ekspertiza: ${taskId} tapşırığında iki variant düzgündür`
    const input = { reviewId: `review-${taskId}`, kind: 'credit_to_all', taskId, reason }
    const dryRun = must(
      'review dry run',
      await app.exams.board.reviewDryRun(examId, { review: input }, board),
    )
    const answer = must(
      'record the review',
      await app.exams.board.recordReview(examId, { review: input, by: 'board-demo' }, board),
    )
    return { reviewId: input.reviewId, taskId, reason, dryRun, revised: answer.revised }
  })

  const publishedAt = await timed('publication; processes settled', async () => {
    clock.set(minutes(S, 2 * DAY + 4 * 60))
    const published = must('publish', await app.exams.board.publish(examId, { by: 'board-demo' }, board))
    await app.settle()
    return published.publishedAt
  })

  return {
    examId,
    startsAt: S,
    plan,
    forms,
    candidates: everyone,
    review,
    publishedAt,
    phases,
  }
}

/** CAB-1…7, PAY-1…3 and EXM-10 for one candidate, as they would do it from the cabinet. */
const enrol = async (
  { app, sms, clock }: DemoPorts,
  examId: string,
  candidate: PlannedCandidate,
  seed: number,
): Promise<DemoCandidate> => {
  const person = personOf(candidate.n)
  const step = (what: string) => `${person.fin} ${what}`
  // The demo types what a person would, so it decodes at its own edge, as HTTP does.
  const registration = registrationInput(app.policy.cabinet.documentSeries)
  const typed = { document: person.document, fin: person.fin }
  const { cabinetId } = must(
    step('starts a cabinet'),
    await app.cabinets.startRegistration(must(step('types'), decodeWith(registration)(typed)), anonymous),
  )
  const contacts = must(step('types a phone'), decodeWith(ContactsInput)({ phone: person.phone }))
  must(step('gives a phone'), await app.cabinets.setContacts(cabinetId, contacts, anonymous))
  const code = must(
    step('types the code'),
    decodeWith(PhoneCodeInput)({ code: codeSentTo(sms, person.phone) }),
  )
  must(step('confirms the phone'), await app.cabinets.confirmPhone(cabinetId, code, anonymous))
  const password = must(step('types a password'), decodeWith(PasswordInput)({ password: person.password }))
  const { cabinetNumber } = must(
    step('sets a password'),
    await app.cabinets.completeRegistration(cabinetId, password, anonymous),
  )
  const me = asCabinet(cabinetId)
  const paymentCode = `DEMO-${seed}-${person.fin}`
  must(
    step('pays at a bank'),
    await app.payments.receive(
      must(
        step('states a payment'),
        decodeWith(PaymentNotice)({
          paymentCode,
          amount: candidate.pays,
          documentNumber: person.document.number,
          paidAt: minutes(clock.now(), -60).toISOString(),
          providerReference: `bank-${candidate.n}`,
        }),
      ),
      provider,
    ),
  )
  const credit = must(
    step('types the code'),
    decodeWith(CreditInput)({ paymentCode, method: candidate.credit }),
  )
  must(step('credits the payment'), await app.accounts.creditPayment(cabinetId, credit, me))
  const answer = await app.exams.candidate.register(cabinetId, examId, { subgroup: candidate.subgroup }, me)
  const base = {
    ...candidate,
    fin: person.fin,
    password: person.password,
    cabinetId,
    cabinetNumber,
    admitted: false,
  }
  if (candidate.fate === 'short_of_money') {
    // EXM-10: not enough money, not registered; nothing charged.
    if (E.isRight(answer) || answer.left.code !== 'session.insufficient_funds')
      throw new Error(`${person.fin} paid too little but was not refused for want of money`)
    return base
  }
  const { sessionId, status, slip } = must(step('registers for the sitting'), answer)
  if (status !== 'registered' || slip === undefined)
    throw new Error(`${person.fin}: registration is ${status}, expected registered with a slip`)
  return { ...base, sessionId, slip: { slipNumber: slip.slipNumber, hallId: slip.hallId, seat: slip.seat } }
}
