import * as t from 'io-ts'
import { TaskId } from '../exam/model.js'

/** Free text written by a person (grounds, reasons): not blank, several lines allowed, at most `max` characters. */
const text = (name: string, max: number) =>
  new t.Type<string, string, unknown>(
    name,
    (u): u is string => typeof u === 'string' && u.trim() !== '' && u.length <= max,
    (input, context) =>
      typeof input !== 'string' || input.trim() === ''
        ? t.failure(input, context, `write the ${name.toLowerCase()} (it cannot be blank)`)
        : input.length > max
          ? t.failure(input, context, `at most ${max} characters, got ${input.length}`)
          : t.success(input.trim()),
    (value) => value,
  )

/** APL-3: why the candidate disagrees. */
export const Grounds = text('Grounds', 4000)
/** APL-4: why the commission decided as it did (shown in the cabinet). */
export const Reasons = text('Reasons', 4000)

/** APL-3: the disputed tasks, by task id (SCO-0): at least one, each once. */
export const DisputedTaskIds = new t.Type<readonly string[], readonly string[], unknown>(
  'DisputedTaskIds',
  (u): u is readonly string[] =>
    t.readonlyArray(TaskId).is(u) && u.length > 0 && u.length <= 100 && new Set(u).size === u.length,
  (input, context) => {
    const decoded = t.readonlyArray(TaskId).validate(input, context)
    if (decoded._tag === 'Left') return decoded
    const ids = decoded.right
    if (ids.length === 0) return t.failure(input, context, 'name at least one disputed task')
    if (ids.length > 100) return t.failure(input, context, 'a test has 100 tasks; name at most 100')
    if (new Set(ids).size !== ids.length) return t.failure(input, context, 'name each disputed task once')
    return t.success(ids)
  },
  (ids) => ids,
)
