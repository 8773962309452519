export type * from './api.js'
export { createImtahan, PROCESS_RUNNER_NAME } from './create.js'
export { DEFAULT_IMTAHAN_POLICY, type ImtahanDeps, type ImtahanPolicy } from './deps.js'
export { type Fact, react as reactToFact, walletOpeningProcess } from './processes.js'
