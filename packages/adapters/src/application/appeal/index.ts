export type * from './api.js'
export { type Appeals, appealRescore, createAppeals } from './create.js'
export { lazyShippedCalendar } from './env.js'
export { appealsDefinition } from './view.js'
