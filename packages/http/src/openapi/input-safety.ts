/**
 * Edge checks every request passes before a codec sees it (one place for
 * every route, see `decodeInput` in route.ts):
 *
 * - JSON nested deeper than `MAX_JSON_DEPTH` is refused before it is parsed:
 *   a 10 KB body of `[`×5000 would otherwise exhaust the stack in a decoder.
 * - Text that PostgreSQL cannot store or that is not Unicode — NUL (U+0000)
 *   and lone UTF-16 surrogates — is refused in every string of the body
 *   (keys included), path parameter and query parameter, so no store ever
 *   sees it.
 */

/** Deepest nesting of arrays and objects a body may have; the API's own bodies need 4. */
export const MAX_JSON_DEPTH = 32

/** True when the JSON text nests arrays/objects deeper than `max`; a linear scan, no recursion. */
export const jsonNestsDeeperThan = (text: string, max: number): boolean => {
  let depth = 0
  let inString = false
  for (let i = 0; i < text.length; i++) {
    const char = text.charCodeAt(i)
    if (inString) {
      if (char === 0x5c) i++
      else if (char === 0x22) inString = false
    } else if (char === 0x22) inString = true
    else if (char === 0x5b || char === 0x7b) {
      depth++
      if (depth > max) return true
    } else if (char === 0x5d || char === 0x7d) depth--
  }
  return false
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

/** NUL or a lone surrogate: not storable text. */
export const isUnsafeText = (text: string): boolean => text.includes('\u0000') || LONE_SURROGATE.test(text)

/**
 * Where in `value` a string (or an object key) holds unsafe text, as
 * `where.path` problems for the 400. Depth is bounded by the caller's check
 * of the JSON text, and by `MAX_JSON_DEPTH` here as well.
 */
export const unsafeTextProblems = (where: string, value: unknown, depth = 0): string[] => {
  if (typeof value === 'string')
    return isUnsafeText(value) ? [`${where}: NUL and lone surrogates are not accepted in text`] : []
  if (value === null || typeof value !== 'object' || depth > MAX_JSON_DEPTH) return []
  const problems: string[] = []
  for (const [key, inner] of Object.entries(value)) {
    const at = isUnsafeText(key) ? `${where}.<key>` : `${where}.${key}`
    if (isUnsafeText(key)) problems.push(`${at}: NUL and lone surrogates are not accepted in text`)
    else problems.push(...unsafeTextProblems(at, inner, depth + 1))
  }
  return problems
}
