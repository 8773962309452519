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
import type { Env } from '../app/env.js'
import { loadCalendar } from '../calendar/load.js'
import { type CachedStreams, createCachedStreams } from '../exam/cached-streams.js'
import { EXAM } from '../exam/streams.js'
import { APPEAL } from './streams.js'
import { type AppealsView, createAppealsView } from './view.js'

export type AppealOptions = {
  /** APL-2's configurable number of business days (default 3). */
  readonly businessDays?: number
}

/** Delivers a session command of the appeal process (the exam part of the application carries it out). */
export type SessionDispatch = (action: ToSession, causationId?: string) => Promise<void>

/** What every appeal use case works with. */
export type AppealEnv = {
  readonly env: Env
  readonly blueprint: Blueprint
  readonly businessDays: number | undefined
  /** CAL-2: the calendar passed in, or the shipped files, loaded once on first use. */
  readonly calendar: () => Promise<BusinessCalendar>
  readonly exams: CachedStreams<ExamCommand, ExamEvent, ExamState, ExamContext>
  readonly view: AppealsView
  readonly dispatch: SessionDispatch
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
  dispatch: SessionDispatch,
  options: AppealOptions & { readonly blueprint?: Blueprint; readonly calendar?: BusinessCalendar },
): AppealEnv => {
  const given = options.calendar
  return {
    env,
    blueprint: options.blueprint ?? DEFAULT_BLUEPRINT,
    businessDays: options.businessDays,
    calendar: given === undefined ? lazyShippedCalendar() : async () => given,
    exams: createCachedStreams(env.store, EXAM, 1_000),
    view: createAppealsView(env.store),
    dispatch,
  }
}

/**
 * The session's appeals 1…n in order, read from their streams until one is
 * missing: the store, not a view, is the authority a filing is judged by.
 */
export const appealsOfSession = async (x: AppealEnv, sessionId: string): Promise<readonly AppealState[]> => {
  const found: AppealState[] = []
  for (let sequence = 1; sequence <= 1000; sequence++) {
    const { state } = await x.env.load(APPEAL, appealIdOf(sessionId, sequence))
    if (state.status === 'none') break
    found.push(state)
  }
  return found
}
