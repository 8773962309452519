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
import type { Result } from '../shared/result.js'
import { APPEAL, SESSION } from '../shared/streams.js'
import type { AppealCandidateUseCases, AppealView } from './api.js'
import { appealNotFound, asCandidate, loadAppeal } from './common.js'
import { type AppealEnv, appealsOfSession } from './env.js'
import { appealView } from './rows.js'
import { appealableSession, appealRevisionsOf, loadSession, noSession } from './session.js'

const sameFiling = (filed: AppealFiled, command: FileAppeal): boolean =>
  filed.grounds === command.grounds &&
  filed.disputed.length === command.taskIds.length &&
  filed.disputed.every((task, index) => task.taskId === command.taskIds[index])

const viewOf = async (appeals: AppealEnv, state: AppealState): Promise<AppealView> =>
  appealView(state, await appealRevisionsOf(appeals, (state.filed as AppealFiled).sessionId))

/**
 * APL-2/APL-3. The appeal id is the session's next one, read from the
 * appeal streams themselves; two filings at once aim at the same stream and
 * the store lets one through (the other is decided again on it). A repeat
 * of the filing still open (a lost answer, a double click) is answered with
 * that appeal instead of `appeal.already_open`.
 */
const file = async (
  appeals: AppealEnv,
  cabinetId: string,
  examId: string,
  input: Readonly<Record<string, unknown>>,
  call: Parameters<AppealCandidateUseCases['file']>[3],
): Result<AppealView> => {
  const allowed = asCandidate(call, cabinetId)
  if (E.isLeft(allowed)) return allowed
  const cabinet = cabinetId.toLowerCase()
  const sessionId = sessionIdOf(examId, cabinet)
  const state = await loadSession(appeals, sessionId)
  if (state.status === 'none') return E.left(noSession(examId))
  const earlier = await appealsOfSession(appeals, sessionId)
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
    return E.right(await viewOf(appeals, last))
  const session = await appealableSession(appeals, state, sessionId)
  if (E.isLeft(session)) return session
  const context = {
    now: appeals.clock.now(),
    calendar: await appeals.calendar(),
    ...(appeals.businessDays === undefined ? {} : { businessDays: appeals.businessDays }),
    ...(session.right === undefined ? {} : { session: session.right }),
    earlier,
  }
  const done = await appeals.run(APPEAL, appealId, command.right, context, { call })
  if (E.isLeft(done)) return done
  const filed = await loadAppeal(appeals, appealId)
  return E.isLeft(filed) ? filed : E.right(await viewOf(appeals, filed.right))
}

/** CAB-11 from the streams the cabinet has: its sessions, those sittings' definition and publication, its appeals. */
const record = async (appeals: AppealEnv, cabinetId: string) => {
  await appeals.view.catchUp()
  const events: CandidateRecordEvent[] = []
  for (const sessionId of await appeals.view.sessionsOfCabinet(cabinetId)) {
    const sitting = await appeals.view.sitting(examIdOfSession(sessionId))
    if (sitting.defined !== undefined) events.push(sitting.defined)
    if (sitting.published !== undefined) events.push(sitting.published)
    const recorded = await appeals.store.readStream(SESSION.streamOf(sessionId))
    for (const event of recorded) events.push(decodeRecorded(SessionEvent, event) as SessionEvent)
  }
  for (const appeal of await appeals.view.appealsOfCabinet(cabinetId))
    for (const event of [appeal.filed, appeal.decision, appeal.courtCase, appeal.ruling])
      if (event !== undefined) events.push(event)
  return candidateRecordAt(foldCandidateRecord(cabinetId, events), {
    now: appeals.clock.now(),
    calendar: await appeals.calendar(),
    ...(appeals.businessDays === undefined ? {} : { businessDays: appeals.businessDays }),
  })
}

export const candidateUseCases = (appeals: AppealEnv): AppealCandidateUseCases => ({
  file: (cabinetId, examId, input, call) => file(appeals, cabinetId, examId, input, call),
  mine: async (cabinetId, call) => {
    const allowed = asCandidate(call, cabinetId)
    if (E.isLeft(allowed)) return allowed
    await appeals.view.catchUp()
    const own = [...(await appeals.view.appealsOfCabinet(cabinetId.toLowerCase()))].sort(
      (a, b) => (b.filed?.at.getTime() ?? 0) - (a.filed?.at.getTime() ?? 0),
    )
    const views: AppealView[] = []
    for (const appeal of own) views.push(await viewOf(appeals, appeal))
    return E.right(views)
  },
  ofSitting: async (cabinetId, examId, call) => {
    const allowed = asCandidate(call, cabinetId)
    if (E.isLeft(allowed)) return allowed
    const sessionId = sessionIdOf(examId, cabinetId.toLowerCase())
    if ((await loadSession(appeals, sessionId)).status === 'none') return E.left(noSession(examId))
    const revisions = await appealRevisionsOf(appeals, sessionId)
    return E.right((await appealsOfSession(appeals, sessionId)).map((state) => appealView(state, revisions)))
  },
  get: async (cabinetId, appealId, call) => {
    const allowed = asCandidate(call, cabinetId)
    if (E.isLeft(allowed)) return allowed
    const parsed = parseAppealId(appealId)
    // Another cabinet's appeal answers exactly like one that does not exist.
    if (parsed === undefined || cabinetIdOfSession(parsed.sessionId) !== cabinetId.toLowerCase())
      return E.left(appealNotFound(appealId))
    const loaded = await loadAppeal(appeals, appealId)
    return E.isLeft(loaded) ? loaded : E.right(await viewOf(appeals, loaded.right))
  },
  record: async (cabinetId, call) => {
    const allowed = asCandidate(call, cabinetId)
    return E.isLeft(allowed) ? allowed : E.right(await record(appeals, cabinetId.toLowerCase()))
  },
})
