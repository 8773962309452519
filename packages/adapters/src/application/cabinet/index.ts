export type * from './api.js'
export { walletOpening } from './processes.js'
export { readServicesUsed, servicesUsedDefinition } from './services-view.js'
export { cabinetUseCases } from './use-cases.js'
