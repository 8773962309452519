export type * from './account/api.js'
export * from './account/inputs.js'
export type * from './appeal/api.js'
export * from './appeal/inputs.js'
export type * from './cabinet/api.js'
export * from './cabinet/input.js'
export { type CodesPerNumber, createCodesPerNumber } from './cabinet/number-cap.js'
export type * from './exam/api.js'
export { createRescorer, type RescorerDeps } from './exam/index.js'
export * from './exam/inputs.js'
export { createImtahan, LEASES, VIEW_DEFINITIONS } from './facade.js'
export type { Imtahan } from './imtahan.js'
export { PROCESS_RUNNER_NAME } from './process-runner.js'
export { type Call, type Caller, eventContextOf, principalOf, systemCall } from './shared/caller.js'
export {
  type AppealOptions,
  DEFAULT_DEADLINE_TICK_MS,
  DEFAULT_IMTAHAN_POLICY,
  type ExamOptions,
  type ImtahanDeps,
  type ImtahanPolicy,
} from './shared/deps.js'
export type { Result } from './shared/result.js'
export {
  APPEAL,
  APPEAL_PREFIX,
  EXAM,
  EXAM_PREFIX,
  SESSION,
  SESSION_PREFIX,
} from './shared/streams.js'
export type { ReadModelStorage } from './shared/views.js'
