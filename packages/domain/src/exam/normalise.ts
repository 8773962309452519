import * as t from 'io-ts'
import type { OptionLetter } from './model.js'

/**
 * SCO-2: how a typed answer is compared with the key. Both the candidate's
 * answer and every accepted answer go through the same function, so the
 * comparison is "equal after normalisation".
 *
 * 1. Unicode NFC, so "İ" typed as I + combining dot (U+0049 U+0307) and as
 *    one code point (U+0130) are the same letter.
 * 2. Azerbaijani case folding, done by hand: İ → i and I → ı, then the
 *    locale-independent `toLowerCase()`. Azerbaijani has two distinct i
 *    letters (i/İ and ı/I) and the language subject tests exactly that
 *    spelling; the default Unicode fold would turn "I" into "i" and merge
 *    them. We do not call `toLocaleLowerCase('az')` because its result
 *    depends on the ICU data the runtime was built with (small-icu falls back
 *    to the root locale), and SCO-7 needs every auditor's machine to agree.
 *    Consequence: an answer typed in capitals with a Latin "I" ("IP") folds
 *    to "ıp"; a key that expects such a term should list both spellings
 *    (docs/exams.md).
 * 3. Whitespace (any Unicode space, tabs, line breaks) collapsed to one space
 *    and trimmed.
 * 4. A comma between two digits becomes a point: "3,5" = "3.5". Commas
 *    elsewhere ("a, b") are text and stay.
 *
 * Nothing else: "3.50" and "3.5" stay different (the key lists both if both
 * are right). The function is idempotent, which the scorer relies on.
 */
/**
 * The version of the rule below, recorded in every `ExamDefined` (version 2)
 * so an auditor knows which rule scored the sitting. Change the rule only
 * together with a new version number and keep the old rule for old sittings.
 */
export const OPEN_ANSWER_NORMALISATION = 1 as const
export const OpenAnswerNormalisationVersion = t.literal(
  OPEN_ANSWER_NORMALISATION,
  'OpenAnswerNormalisationVersion',
)

export const normaliseOpenAnswer = (text: string): string => {
  // Shortcut, same result: printable ASCII needs no NFC and has no İ.
  const ascii = PRINTABLE_ASCII.test(text)
  const folded = (ascii ? text : text.normalize('NFC').replace(/İ/g, 'i'))
    .replace(/I/g, 'ı')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/(\d),(?=\d)/g, '$1.')
  return ascii ? folded : folded.normalize('NFC')
}

const PRINTABLE_ASCII = /^[ -~]*$/

/**
 * True when `text` is certainly its own normalisation (lower-case ASCII and
 * Azerbaijani letters, digits, single inner spaces, no comma): the scorer then
 * skips `normaliseOpenAnswer`. A `false` only means "not sure".
 */
export const isPlainlyNormal = (text: string): boolean => PLAINLY_NORMAL.test(text)

const PLAINLY_NORMAL = /^[a-z0-9.əöüğçşı]+(?: [a-z0-9.əöüğçşı]+)*$/

const LETTERS: ReadonlySet<string> = new Set(['A', 'B', 'C', 'D', 'E'])

/**
 * SCO-2: a closed answer is one option letter. Case and surrounding spaces do
 * not matter (" a " = "A"); a blank string is no answer; anything else
 * ("AB", "1", "Ə") is a wrong answer, never an error, so one odd keystroke
 * cannot block a candidate's result.
 */
export const readClosedAnswer = (text: string): OptionLetter | 'blank' | 'other' => {
  const trimmed = text.trim()
  if (trimmed === '') return 'blank'
  const letter = trimmed.toUpperCase()
  return LETTERS.has(letter) ? (letter as OptionLetter) : 'other'
}

/** The option letters of a closed task with `count` options: A, B, … */
export const optionLetters = (count: number): readonly OptionLetter[] =>
  (['A', 'B', 'C', 'D', 'E'] as const).slice(0, Math.max(0, count))
