export * from './fold.js'
export * from './services-fold.js'
export * from './services-state.js'
export * from './services-view.js'
export {
  type AppealDecisionEntry,
  type AppealEntry,
  type CandidateRecordState,
  type CourtEntry,
  emptyCandidateRecord,
  type RevisionEntry,
  type RevisionKind,
  type SessionStatus,
} from './state.js'
export * from './view.js'
