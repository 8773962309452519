import { type CabinetId, seatBook } from '@imtahan/domain'
import * as E from 'fp-ts/lib/Either.js'
import { loadOverview } from '../shared/cabinet-reads.js'
import type { Call } from '../shared/caller.js'
import type { FollowUps } from '../shared/process-registry.js'
import type { Result } from '../shared/result.js'
import type { ExamStaffUseCases, RosterRow } from './api.js'
import { actOnSession, asStaff, checkSessionOf } from './common.js'
import { type ExamEnv, sittingOf } from './env.js'
import { allRows, readRecent } from './rows.js'

type Raw = Readonly<Record<string, unknown>>

/** Every staff action: the key's scope, a session of this sitting, then the command with `by` as the actor id. */
const guarded =
  <A>(act: (examId: string, sessionId: string, input: Raw, call: Call) => Result<A>) =>
  async (examId: string, sessionId: string, input: Raw, call: Call): Result<A> => {
    const allowed = E.chain(() => checkSessionOf(examId, sessionId))(asStaff(call, examId))
    return E.isLeft(allowed) ? allowed : act(examId, sessionId, input, call)
  }

/** EXM-13: the screen shows the names the cabinet holds (from the registry), so staff never type them. */
const screenOf = async (exam: ExamEnv, examId: string, sessionId: string) => {
  const overview = await loadOverview(exam, sessionId.slice(examId.length + 1) as CabinetId)
  return E.map((found: { person: { surname: string; name: string; patronymic: string } }) => ({
    surname: found.person.surname,
    name: found.person.name,
    patronymic: found.person.patronymic,
  }))(overview)
}

const roster = async (exam: ExamEnv, examId: string, call: Call): Result<readonly RosterRow[]> => {
  const allowed = asStaff(call, examId)
  if (E.isLeft(allowed)) return allowed
  const sitting = await sittingOf(exam, examId)
  if (E.isLeft(sitting)) return sitting
  await exam.results.catchUp()
  const held = seatBook(sitting.right.state).heldBySession
  return E.right(
    (await allRows(exam, examId)).map((row) => {
      const seat = held.get(row.sessionId)
      return {
        sessionId: row.sessionId,
        subgroup: row.subgroup,
        ...(seat === undefined ? {} : { slipNumber: seat.slipNumber, hallId: seat.hallId, seat: seat.seat }),
        registered: row.registered,
        seated: row.seated,
        ended: row.final !== undefined,
      }
    }),
  )
}

export const staffUseCases = (exam: ExamEnv, followUps: FollowUps): ExamStaffUseCases => {
  const act = (raw: Record<string, unknown> & { sessionId: string }, call: Call) =>
    actOnSession(exam, followUps, raw, call)
  return {
    roster: (examId, call) => roster(exam, examId, call),
    admit: guarded(async (_examId, sessionId, input, call) => {
      const status = await act(
        {
          type: 'AdmitCandidate',
          sessionId,
          document: input.document,
          slip: input.slip,
          checkedBy: input.by,
        },
        call,
      )
      if (E.isLeft(status)) return status
      const { state } = await exam.sessions.load(sessionId)
      const admitted = state.admitted !== undefined
      return E.right({
        ...status.right,
        admitted,
        reasons: admitted ? [] : await lastRefusal(exam, sessionId),
      })
    }),
    registerInHall: guarded(async (examId, sessionId, input, call) => {
      const screen = await screenOf(exam, examId, sessionId)
      if (E.isLeft(screen)) return screen
      return act(
        {
          type: 'RegisterInHall',
          sessionId,
          hallId: input.hallId,
          seat: input.seat,
          screen: screen.right,
          registeredBy: input.by,
        },
        call,
      )
    }),
    correct: guarded((_examId, sessionId, input, call) =>
      act(
        {
          type: 'CorrectCandidateData',
          sessionId,
          correctionId: input.correctionId,
          corrections: input.corrections,
          reason: input.reason,
          correctedBy: input.by,
        },
        call,
      ),
    ),
    pause: guarded((_examId, sessionId, input, call) =>
      act(
        {
          type: 'PauseSession',
          sessionId,
          pauseId: input.pauseId,
          incident: input.incident,
          note: input.note,
          pausedBy: input.by,
        },
        call,
      ),
    ),
    resume: guarded((_examId, sessionId, input, call) =>
      act({ type: 'ResumeSession', sessionId, resumedBy: input.by }, call),
    ),
    recordViolation: guarded((_examId, sessionId, input, call) =>
      act(
        {
          type: 'RecordViolation',
          sessionId,
          violationId: input.violationId,
          kind: input.kind,
          outcome: input.outcome,
          note: input.note,
          evidenceRef: input.evidenceRef ?? null,
          recordedBy: input.by,
        },
        call,
      ),
    ),
  }
}

/** EXM-12: the reasons of the latest refused admission, read from the end of the stream. */
const lastRefusal = async (exam: ExamEnv, sessionId: string): Promise<readonly string[]> => {
  const event = await readRecent(exam, sessionId, 'AdmissionRefused')
  return event?.type === 'AdmissionRefused' ? event.reasons : []
}
