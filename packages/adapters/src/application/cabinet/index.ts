export type * from './api.js'
export { walletOpening } from './processes.js'
export { cabinetUseCases } from './use-cases.js'
