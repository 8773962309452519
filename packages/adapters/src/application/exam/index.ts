export type * from './api.js'
export { createExams, DEFAULT_DEADLINE_TICK_MS, type ExamOptions, type Exams } from './create.js'
export { createRescorer, type RescorerDeps } from './rescore.js'
export { EXAM, EXAM_PREFIX, SESSION, SESSION_PREFIX } from './streams.js'
