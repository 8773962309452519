import {
  FileAppeal,
  FileAppealCourtCase,
  Id,
  RecordAppealCourtRuling,
  RejectAppeal,
  UpholdAppeal,
} from '@imtahan/domain'
import * as t from 'io-ts'

/*
 * The decoded inputs of the appeal use cases, built from the domain's codecs
 * (the fields of the appeal commands). The edges (HTTP, CLI) decode; the use
 * cases take the types and build the commands.
 */

/** The commission member who decides or records it (the command's `decidedBy`/`recordedBy`). */
const by = Id

/** APL-2/APL-3: the disputed tasks (at least one, each once) and the grounds. */
export const AppealFilingInput = t.type(
  { taskIds: FileAppeal.props.taskIds, grounds: FileAppeal.props.grounds },
  'AppealFilingInput',
)
export type AppealFilingInput = t.TypeOf<typeof AppealFilingInput>

const STATUSES = ['open', 'rejected', 'upheld'] as const
export type AppealStatusFilter = (typeof STATUSES)[number]
const isStatus = (u: unknown): u is AppealStatusFilter =>
  typeof u === 'string' && (STATUSES as readonly string[]).includes(u)

/** An appeal's status as a filter, refused with the list of statuses. */
export const AppealStatusFilter = new t.Type<AppealStatusFilter, string, unknown>(
  'AppealStatus',
  isStatus,
  (input, context) =>
    isStatus(input) ? t.success(input) : t.failure(input, context, `one of ${STATUSES.join(', ')}`),
  (status) => status,
)

/** The commission's list: by status, by sitting. */
export const AppealListInput = t.partial({ status: AppealStatusFilter, examId: t.string }, 'AppealListInput')
export type AppealListInput = t.TypeOf<typeof AppealListInput>

/** APL-4: the result stays. */
export const AppealRejectionInput = t.type(
  { reasons: RejectAppeal.props.reasons, by },
  'AppealRejectionInput',
)
export type AppealRejectionInput = t.TypeOf<typeof AppealRejectionInput>

/** APL-4: corrections per task (an empty list is the decider's refusal). */
export const AppealUpholdingInput = t.type(
  { corrections: UpholdAppeal.props.corrections, reasons: UpholdAppeal.props.reasons, by },
  'AppealUpholdingInput',
)
export type AppealUpholdingInput = t.TypeOf<typeof AppealUpholdingInput>

/** APL-5. */
export const AppealCourtCaseInput = t.type(
  { caseReference: FileAppealCourtCase.props.caseReference, by },
  'AppealCourtCaseInput',
)
export type AppealCourtCaseInput = t.TypeOf<typeof AppealCourtCaseInput>

const ruling = RecordAppealCourtRuling.props

/** APL-5: corrections absent are none (`decision_stands`). */
export const AppealCourtRulingInput = t.intersection(
  [
    t.type({ outcome: ruling.outcome, rulingReference: ruling.rulingReference, by }),
    t.partial({ corrections: ruling.corrections }),
  ],
  'AppealCourtRulingInput',
)
export type AppealCourtRulingInput = t.TypeOf<typeof AppealCourtRulingInput>
