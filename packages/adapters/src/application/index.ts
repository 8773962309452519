export { createImtahan, PROCESS_RUNNER_NAME } from './facade.js'
export type * from './shared/api.js'
export { DEFAULT_IMTAHAN_POLICY, type ImtahanDeps, type ImtahanPolicy } from './shared/deps.js'
export { type Fact, react as reactToFact, walletOpeningProcess } from './shared/process-registry.js'
