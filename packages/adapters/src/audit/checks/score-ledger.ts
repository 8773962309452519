import {
  type Answers,
  type Blueprint,
  type CompiledKey,
  compiledKeyFor,
  type ExamDefined,
  type FormWithKey,
  type GroupCode,
  groupOf,
  type Review,
  type SubgroupCode,
} from '@imtahan/domain'

/**
 * What the scores check remembers while it replays: per sitting its forms,
 * keys and expert reviews (in the order the board recorded them), per
 * finished session what its score is a function of (SCO-7). Keys are
 * compiled once per distinct set of reviews, so recomputing 10,000 sessions
 * of one sitting compiles a handful of keys, not 10,000.
 */
export type Sitting = {
  readonly examId: string
  readonly title: string
  readonly date: string
  /** The blueprint and pass marks the sitting was defined under, as its `ExamDefined` records them. */
  readonly blueprint: Blueprint
  readonly forms: ReadonlyMap<GroupCode, FormWithKey>
  /** Review id → the review and its place in the board's order. */
  readonly reviews: Map<string, { readonly review: Review; readonly order: number }>
  readonly keys: Map<string, CompiledKey>
  published: boolean
}

export type Session = {
  readonly examId: string
  readonly subgroup: SubgroupCode
  readonly answers: Answers
  /** The sitting's form for this session's group, when both are in the log. */
  readonly form: FormWithKey | undefined
  /** Reviews reflected in the score in force (the end's, then each revision's). */
  readonly applied: Set<string>
  /** APL-4/APL-5: tasks corrected on appeal for this session alone, and the revisions that did it. */
  readonly corrected: Set<string>
  readonly appealRevisions: Set<string>
  /**
   * The score and raw verdict in force as recomputed, not as recorded: the
   * next revision is judged against the truth, so one tampered event gives
   * findings at that event only, not at every revision after it.
   */
  score: number
  passed: boolean
  /** The annulment decision in force (a court may reverse it, EXM-22). */
  annulment: string | undefined
}

export const sittingOf = (event: ExamDefined): Sitting => ({
  examId: event.examId,
  title: event.title,
  date: event.date,
  blueprint: event.blueprint,
  forms: new Map(event.forms.map((entry) => [entry.form.group, entry])),
  reviews: new Map(),
  keys: new Map(),
  published: false,
})

export const formOfSession = (sitting: Sitting | undefined, subgroup: SubgroupCode) =>
  sitting?.forms.get(groupOf(subgroup))

/** Is this review one the sitting recorded, about a task of this form? */
export const reviewProblem = (sitting: Sitting, form: FormWithKey, reviewId: string): string | undefined => {
  const known = sitting.reviews.get(reviewId)
  if (known === undefined) return `names review ${reviewId}, which sitting ${sitting.examId} had not recorded`
  return form.form.tasks.some((task) => task.id === known.review.taskId)
    ? undefined
    : `names review ${reviewId} of task ${known.review.taskId}, which is not on form ${form.form.formId}`
}

/**
 * An appeal correction means the task counts as correct for this candidate
 * (appeal-codecs.ts in the domain, for either kind), which is the scorer's
 * own `credit_to_all` applied to one answer sheet — so the audit needs no
 * second scoring rule, and recomputes from what `ScoreRevisedOnAppeal`
 * records.
 */
const creditsOf = (corrected: ReadonlySet<string>): Review[] =>
  [...corrected].sort().map((taskId) => ({
    reviewId: `appeal:${taskId}`,
    kind: 'credit_to_all',
    taskId,
    reason: 'Corrected on appeal',
  }))

/**
 * The key of `form` with exactly the `applied` reviews, in the board's order
 * (as the session scored it), plus the session's appeal corrections.
 */
export const keyFor = (
  sitting: Sitting,
  form: FormWithKey,
  applied: ReadonlySet<string>,
  corrected: ReadonlySet<string> = new Set(),
): CompiledKey => {
  const reviews = [...sitting.reviews.values()]
    .filter(({ review }) => applied.has(review.reviewId))
    .sort((a, b) => a.order - b.order)
    .map(({ review }) => review)
  const credits = creditsOf(corrected)
  const cacheKey = `${form.form.group}|${reviews.map((review) => review.reviewId).join(',')}|${credits.map((credit) => credit.taskId).join(',')}`
  let compiled = sitting.keys.get(cacheKey)
  if (compiled === undefined) {
    compiled = compiledKeyFor({
      form: form.form,
      key: form.key,
      reviews: [...reviews, ...credits],
      blueprint: sitting.blueprint,
    })
    // Appeal corrections are per candidate: caching every such key here would grow with the appeals, so only shared keys
    // are kept; the domain's bounded memo (compiledKeyFor) still shares a corrected key between candidates.
    if (credits.length === 0) sitting.keys.set(cacheKey, compiled)
  }
  return compiled
}

/** The session's score under `applied` reviews and its own corrections. */
export const rescore = (
  sitting: Sitting,
  form: FormWithKey,
  session: Session,
  applied: ReadonlySet<string>,
) => keyFor(sitting, form, applied, session.corrected).score(session.answers, session.subgroup)

/** Every review of the sitting about a task of `form`: the key a published score should finally stand under. */
export const reviewsOnForm = (sitting: Sitting, form: FormWithKey): Set<string> => {
  const tasks = new Set(form.form.tasks.map((task) => task.id))
  return new Set(
    [...sitting.reviews.values()]
      .filter(({ review }) => tasks.has(review.taskId))
      .map(({ review }) => review.reviewId),
  )
}
