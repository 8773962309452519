import type {
  AppealCourtCaseFiled,
  AppealCourtRulingRecorded,
  AppealEvent,
  AppealFiled,
  AppealRejected,
  AppealUpheld,
} from './events.js'

/**
 * `open` = filed, waiting for the commission: the only status APL-3 counts.
 * A decision closes the appeal for good; the court (APL-5) comes after it
 * and does not reopen it.
 */
export type AppealStatus = 'none' | 'open' | 'rejected' | 'upheld'

export type AppealState = {
  readonly appealId: string | undefined
  readonly status: AppealStatus
  readonly filed: AppealFiled | undefined
  readonly decision: AppealRejected | AppealUpheld | undefined
  readonly courtCase: AppealCourtCaseFiled | undefined
  readonly ruling: AppealCourtRulingRecorded | undefined
}

export const initialAppealState: AppealState = {
  appealId: undefined,
  status: 'none',
  filed: undefined,
  decision: undefined,
  courtCase: undefined,
  ruling: undefined,
}

/** Nothing is overwritten (APL-6): each event adds its fact; a later one never replaces an earlier one. */
export const evolveAppeal = (state: AppealState, event: AppealEvent): AppealState => {
  const base = { ...state, appealId: event.appealId }
  switch (event.type) {
    case 'AppealFiled':
      return { ...base, status: 'open', filed: event }
    case 'AppealRejected':
      return { ...base, status: 'rejected', decision: event }
    case 'AppealUpheld':
      return { ...base, status: 'upheld', decision: event }
    case 'AppealCourtCaseFiled':
      return { ...base, courtCase: event }
    case 'AppealCourtRulingRecorded':
      return { ...base, ruling: event }
  }
}

export const isOpen = (state: AppealState): boolean => state.status === 'open'
