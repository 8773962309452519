export type * from './api.js'
export { type Appeals, createAppeals } from './create.js'
export type { AppealOptions } from './env.js'
export { APPEAL, APPEAL_PREFIX } from './streams.js'
