import {
  type AppealState,
  appealIdOf,
  type Blueprint,
  type BusinessCalendar,
  DEFAULT_BLUEPRINT,
  type ExamCommand,
  type ExamContext,
  type ExamEvent,
  type ExamState,
  type ToSession,
} from '@imtahan/domain'
import * as E from 'fp-ts/lib/Either.js'
import { loadCalendar } from '../../calendar/load.js'
import { type CachedStreams, createCachedStreams } from '../shared/cached-streams.js'
import type { AppealOptions } from '../shared/deps.js'
import type { Env } from '../shared/env.js'
import { APPEAL, EXAM } from '../shared/streams.js'
import { type AppealsView, createAppealsView } from './view.js'

/** Carries out a session step of the appeal process now (the application's process registry runs it). */
export type SessionStep = (step: ToSession) => Promise<unknown>

/** What every appeal use case works with. */
export type AppealEnv = Env & {
  readonly blueprint: Blueprint
  readonly businessDays: number | undefined
  /** CAL-2: the calendar passed in, or the shipped files, loaded once on first use. */
  readonly calendar: () => Promise<BusinessCalendar>
  /** Sittings, read fresh for each filing (a publication may have just been recorded). */
  readonly sittings: CachedStreams<ExamCommand, ExamEvent, ExamState, ExamContext>
  readonly view: AppealsView
  readonly runSessionStep: SessionStep
}

/** The shipped calendar, loaded once; a broken shipped file is a broken release, so it throws (500), never guesses. */
export const lazyShippedCalendar = (): (() => Promise<BusinessCalendar>) => {
  let loading: Promise<BusinessCalendar> | undefined
  return () => {
    loading ??= loadCalendar().then((loaded) => {
      if (E.isLeft(loaded)) throw new Error(loaded.left.message)
      return loaded.right.calendar
    })
    return loading
  }
}

export const createAppealEnv = (
  env: Env,
  runSessionStep: SessionStep,
  options: AppealOptions & { readonly blueprint?: Blueprint; readonly calendar?: BusinessCalendar },
): AppealEnv => {
  const given = options.calendar
  return {
    ...env,
    blueprint: options.blueprint ?? DEFAULT_BLUEPRINT,
    businessDays: options.businessDays,
    calendar: given === undefined ? lazyShippedCalendar() : async () => given,
    sittings: createCachedStreams(env.store, EXAM, 1_000),
    view: createAppealsView(env.views),
    runSessionStep,
  }
}

/**
 * The session's appeals 1…n in order, read from their streams until one is
 * missing: the store, not a view, is the authority a filing is judged by.
 */
export const appealsOfSession = async (
  appeals: AppealEnv,
  sessionId: string,
): Promise<readonly AppealState[]> => {
  const found: AppealState[] = []
  for (let sequence = 1; sequence <= 1000; sequence++) {
    const { state } = await appeals.load(APPEAL, appealIdOf(sessionId, sequence))
    if (state.status === 'none') break
    found.push(state)
  }
  return found
}
