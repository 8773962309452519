import {
  type AppealFiled,
  type AppealState,
  type CandidateRecordEvent,
  cabinetIdOfSession,
  candidateRecordAt,
  decodeWith,
  examIdOfSession,
  FileAppeal,
  foldCandidateRecord,
  nextAppealId,
  parseAppealId,
  SessionEvent,
  sessionIdOf,
} from '@imtahan/domain'
import * as E from 'fp-ts/lib/Either.js'
import { decodeRecorded } from '../../command/codec.js'
import { SESSION } from '../exam/streams.js'
import type { AppealCandidateUseCases, AppealView } from './api.js'
import { appealNotFound, asCandidate, loadAppeal, type Outcome } from './common.js'
import { type AppealEnv, appealsOfSession } from './env.js'
import { appealView } from './rows.js'
import { appealableSession, appealRevisionsOf, loadSession, noSession } from './session.js'
import { APPEAL } from './streams.js'

const sameFiling = (filed: AppealFiled, command: FileAppeal): boolean =>
  filed.grounds === command.grounds &&
  filed.disputed.length === command.taskIds.length &&
  filed.disputed.every((task, index) => task.taskId === command.taskIds[index])

const viewOf = async (x: AppealEnv, state: AppealState): Promise<AppealView> =>
  appealView(state, await appealRevisionsOf(x, (state.filed as AppealFiled).sessionId))

/**
 * APL-2/APL-3. The appeal id is the session's next one, read from the
 * appeal streams themselves; two filings at once aim at the same stream and
 * the store lets one through (the other is decided again on it). A repeat
 * of the filing still open (a lost answer, a double click) is answered with
 * that appeal instead of `appeal.already_open`.
 */
const file = async (
  x: AppealEnv,
  cabinetId: string,
  examId: string,
  input: Readonly<Record<string, unknown>>,
  call: Parameters<AppealCandidateUseCases['file']>[3],
): Outcome<AppealView> => {
  const allowed = asCandidate(call, cabinetId)
  if (E.isLeft(allowed)) return allowed
  const cabinet = cabinetId.toLowerCase()
  const sessionId = sessionIdOf(examId, cabinet)
  const state = await loadSession(x, sessionId)
  if (state.status === 'none') return E.left(noSession(examId))
  const earlier = await appealsOfSession(x, sessionId)
  const appealId = nextAppealId(sessionId, earlier)
  const command = decodeWith(FileAppeal)({
    type: 'FileAppeal',
    appealId,
    sessionId,
    cabinetId: cabinet,
    taskIds: input.taskIds,
    grounds: input.grounds,
  })
  if (E.isLeft(command)) return command
  const last = earlier.at(-1)
  if (last?.status === 'open' && last.filed !== undefined && sameFiling(last.filed, command.right))
    return E.right(await viewOf(x, last))
  const session = await appealableSession(x, state, sessionId)
  if (E.isLeft(session)) return session
  const context = {
    now: x.env.clock.now(),
    calendar: await x.calendar(),
    ...(x.businessDays === undefined ? {} : { businessDays: x.businessDays }),
    ...(session.right === undefined ? {} : { session: session.right }),
    earlier,
  }
  const done = await x.env.run(APPEAL, appealId, command.right, context, { call })
  if (E.isLeft(done)) return done
  const filed = await loadAppeal(x, appealId)
  return E.isLeft(filed) ? filed : E.right(await viewOf(x, filed.right))
}

/** CAB-11 from the streams the cabinet has: its sessions, those sittings' definition and publication, its appeals. */
const record = async (x: AppealEnv, cabinetId: string) => {
  await x.view.catchUp()
  const events: CandidateRecordEvent[] = []
  for (const sessionId of x.view.sessionsOfCabinet(cabinetId)) {
    const sitting = x.view.sitting(examIdOfSession(sessionId))
    if (sitting.defined !== undefined) events.push(sitting.defined)
    if (sitting.published !== undefined) events.push(sitting.published)
    const recorded = await x.env.store.readStream(SESSION.streamOf(sessionId))
    for (const event of recorded) events.push(decodeRecorded(SessionEvent, event) as SessionEvent)
  }
  for (const appeal of x.view.appealsOfCabinet(cabinetId))
    for (const event of [appeal.filed, appeal.decision, appeal.courtCase, appeal.ruling])
      if (event !== undefined) events.push(event)
  return candidateRecordAt(foldCandidateRecord(cabinetId, events), {
    now: x.env.clock.now(),
    calendar: await x.calendar(),
    ...(x.businessDays === undefined ? {} : { businessDays: x.businessDays }),
  })
}

export const candidateUseCases = (x: AppealEnv): AppealCandidateUseCases => ({
  file: (cabinetId, examId, input, call) => file(x, cabinetId, examId, input, call),
  mine: async (cabinetId, call) => {
    const allowed = asCandidate(call, cabinetId)
    if (E.isLeft(allowed)) return allowed
    await x.view.catchUp()
    const appeals = [...x.view.appealsOfCabinet(cabinetId.toLowerCase())].sort(
      (a, b) => (b.filed?.at.getTime() ?? 0) - (a.filed?.at.getTime() ?? 0),
    )
    const views: AppealView[] = []
    for (const appeal of appeals) views.push(await viewOf(x, appeal))
    return E.right(views)
  },
  ofSitting: async (cabinetId, examId, call) => {
    const allowed = asCandidate(call, cabinetId)
    if (E.isLeft(allowed)) return allowed
    const sessionId = sessionIdOf(examId, cabinetId.toLowerCase())
    if ((await loadSession(x, sessionId)).status === 'none') return E.left(noSession(examId))
    const revisions = await appealRevisionsOf(x, sessionId)
    return E.right((await appealsOfSession(x, sessionId)).map((state) => appealView(state, revisions)))
  },
  get: async (cabinetId, appealId, call) => {
    const allowed = asCandidate(call, cabinetId)
    if (E.isLeft(allowed)) return allowed
    const parsed = parseAppealId(appealId)
    // Another cabinet's appeal answers exactly like one that does not exist.
    if (parsed === undefined || cabinetIdOfSession(parsed.sessionId) !== cabinetId.toLowerCase())
      return E.left(appealNotFound(appealId))
    const loaded = await loadAppeal(x, appealId)
    return E.isLeft(loaded) ? loaded : E.right(await viewOf(x, loaded.right))
  },
  record: async (cabinetId, call) => {
    const allowed = asCandidate(call, cabinetId)
    return E.isLeft(allowed) ? allowed : E.right(await record(x, cabinetId.toLowerCase()))
  },
})
