import { groupOf } from '@imtahan/domain'
import type { DemoForm } from './forms.js'
import { answersOf, type DemoCandidate } from './plan.js'
import type { Random } from './random.js'
import { asCabinet, type DemoPorts, inParallel, minutes, must, staff } from './steps.js'

const VALID_DOCUMENT = { kind: 'id_card', original: true, holderMatches: true, validUntil: '2031-01-01' }
/** The exam runs in 5-minute slots: everyone acting in one slot acts at the same instant, side by side. */
const SLOT = 5
const DURATION = 180

/**
 * EXM-11…13 at the entrance and in the hall: most arrive 45 minutes early;
 * the late arrive 20 minutes before the start (after the 30-minute cutoff)
 * and are refused, as is the one without an original document; the absent
 * never come. Returns everyone, `admitted` set for those seated.
 */
export const admitAll = async (
  { app, clock }: DemoPorts,
  examId: string,
  S: Date,
  registered: readonly DemoCandidate[],
  width: number,
): Promise<DemoCandidate[]> => {
  const admit = (candidate: DemoCandidate, document: unknown) =>
    app.exams.staff.admit(
      examId,
      candidate.sessionId!,
      { document, slip: { slipNumber: candidate.slip!.slipNumber, examId }, by: 'staff-entrance' },
      staff,
    )
  const present = registered.filter((c) => c.sessionId !== undefined && c.fate !== 'absent')
  const onTime = present.filter((c) => c.fate !== 'late')
  clock.set(minutes(S, -45))
  const admitted = new Set<number>()
  await inParallel(onTime, width, async (candidate) => {
    const answer = must(
      `${candidate.fin} at the entrance`,
      await admit(candidate, candidate.fate === 'no_document' ? null : VALID_DOCUMENT),
    )
    if (answer.admitted) admitted.add(candidate.n)
    else if (candidate.fate !== 'no_document')
      throw new Error(`${candidate.fin} was refused: ${answer.reasons}`)
  })
  clock.set(minutes(S, -25))
  const seated = present.filter((c) => admitted.has(c.n))
  await inParallel(seated, width, async (candidate) =>
    must(
      `${candidate.fin} registers in the hall`,
      await app.exams.staff.registerInHall(
        examId,
        candidate.sessionId!,
        { hallId: candidate.slip!.hallId, seat: candidate.slip!.seat, by: 'staff-hall' },
        staff,
      ),
    ),
  )
  clock.set(minutes(S, -20))
  for (const candidate of present.filter((c) => c.fate === 'late')) {
    const answer = must(`${candidate.fin} arrives late`, await admit(candidate, VALID_DOCUMENT))
    if (answer.admitted || !answer.reasons.includes('late'))
      throw new Error(`${candidate.fin} was not refused as late`)
  }
  return registered.map((c) => (admitted.has(c.n) ? { ...c, admitted: true } : c))
}

type Plan = {
  readonly candidate: DemoCandidate
  readonly chunks: Array<Array<readonly [string, string]>>
  readonly endSlot: number
}

/** When a candidate stops: finishes, is removed (at 70 min), or works until the time is up. */
const endMinute = (candidate: DemoCandidate) =>
  candidate.fate === 'removed' ? 70 : (candidate.finishesAt ?? DURATION)

const split = <T>(list: readonly T[], parts: number): T[][] =>
  Array.from({ length: parts }, (_, i) =>
    list.slice(Math.floor((i * list.length) / parts), Math.floor(((i + 1) * list.length) / parts)),
  )

/**
 * EXM-14…20: every seated candidate reads the tasks in their variant and
 * answers them a few at a time through the exam; one is warned, one removed
 * with the evidence noted; most finish between 55 and 175 minutes, the rest
 * are closed by the deadline scheduler when the time is up.
 */
export const sitTheExam = async (
  ports: DemoPorts,
  examId: string,
  S: Date,
  everyone: readonly DemoCandidate[],
  forms: Readonly<Record<string, DemoForm>>,
  random: Random,
  width: number,
): Promise<void> => {
  const { app, clock } = ports
  const seated = everyone.filter((c) => c.admitted)
  clock.set(minutes(S, 1))
  const orders = await inParallel(seated, width, async (candidate) => {
    const tasks = must(
      `${candidate.fin} opens the tasks`,
      await app.exams.candidate.tasks(candidate.cabinetId, examId, asCabinet(candidate.cabinetId)),
    )
    return tasks.tasks.map((task) => task.taskId)
  })
  // Answers are drawn one candidate after another, so the seed alone decides them.
  const plans: Plan[] = seated.map((candidate, i) => {
    const answers = answersOf(candidate, forms[groupOf(candidate.subgroup)]!, orders[i]!, random)
    const endSlot = Math.ceil(endMinute(candidate) / SLOT)
    return { candidate, chunks: split(answers, endSlot - 1), endSlot }
  })
  for (let slot = 1; slot <= DURATION / SLOT; slot++) {
    clock.set(minutes(S, slot * SLOT))
    const answering = plans.filter((p) => slot < p.endSlot && (p.chunks[slot - 1]?.length ?? 0) > 0)
    await inParallel(answering, width, async ({ candidate, chunks }) => {
      const me = asCabinet(candidate.cabinetId)
      for (const [taskId, answer] of chunks[slot - 1]!)
        must(
          `${candidate.fin} answers ${taskId}`,
          await app.exams.candidate.answer(candidate.cabinetId, examId, taskId, { answer }, me),
        )
    })
    for (const { candidate } of plans.filter((p) => p.endSlot === slot)) await endOf(ports, examId, candidate)
    if (slot * SLOT === 50) await violation(ports, examId, seated, 'warned')
  }
  clock.set(minutes(S, DURATION + 1))
  await app.exams.closeDueSessions()
}

const endOf = async ({ app }: DemoPorts, examId: string, candidate: DemoCandidate) => {
  if (candidate.fate === 'removed') return violation({ app } as DemoPorts, examId, [candidate], 'removed')
  if (candidate.finishesAt === undefined) return // works on; the deadline scheduler closes the session
  must(
    `${candidate.fin} finishes`,
    await app.exams.candidate.finish(candidate.cabinetId, examId, asCabinet(candidate.cabinetId)),
  )
}

/** EXM-20: a warning (the exam goes on) or a removal (ends the session, annuls the result). */
const violation = async (
  { app }: DemoPorts,
  examId: string,
  among: readonly DemoCandidate[],
  fate: 'warned' | 'removed',
) => {
  for (const candidate of among.filter((c) => c.fate === fate))
    must(
      `${candidate.fin} ${fate}`,
      await app.exams.staff.recordViolation(
        examId,
        candidate.sessionId!,
        fate === 'warned'
          ? {
              violationId: `v-${candidate.fin}`,
              kind: 'talking_or_helping',
              outcome: 'warning',
              note: 'Qonşu ilə danışdı',
              by: 'staff-hall',
            }
          : {
              violationId: `v-${candidate.fin}`,
              kind: 'prohibited_item',
              outcome: 'removal',
              note: 'Mobil telefon aşkar edildi',
              evidenceRef: 'kamera-2/10:10',
              by: 'staff-hall',
            },
        staff,
      ),
    )
}
