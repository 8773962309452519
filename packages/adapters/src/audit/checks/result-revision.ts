/** One change of a published result, as the audit report lists it (APL-6): its own module so the score state and the summary can share it without importing each other. */
export type ResultRevisionKind =
  | 'expert-review'
  | 'appeal'
  | 'court'
  | 'annulment'
  | 'annulment-reversed'
  | 'annulment-upheld'

export type ResultState = { readonly score: number; readonly passed: boolean; readonly annulled: boolean }

export type ResultRevision = {
  readonly examId: string
  readonly streamId: string
  readonly revision: string
  readonly recordedAt: string
  readonly kind: ResultRevisionKind
  /** The review or appeal id; for an annulment its grounds; for a court ruling its outcome. */
  readonly reference: string
  readonly before: ResultState
  readonly after: ResultState
}
