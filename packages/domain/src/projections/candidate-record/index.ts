export * from './fold.js'
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
