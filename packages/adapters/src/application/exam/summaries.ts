import { type ExamDefined, Money, sittingTimes } from '@imtahan/domain'
import type { SittingSummary } from './api.js'

/** What anyone may know of a sitting: never its forms or keys. */
export const summaryOf = (definition: ExamDefined, publishedAt?: Date): SittingSummary => ({
  examId: definition.examId,
  title: definition.title,
  startsAt: definition.startsAt,
  venue: definition.venue,
  fee: Money.format(definition.fee),
  groups: definition.forms.map(({ form }) => form.group),
  registrationClosesAt: sittingTimes(definition.startsAt, definition.timing).registrationClosesAt,
  ...(publishedAt === undefined ? {} : { publishedAt }),
})
