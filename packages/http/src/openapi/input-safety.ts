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
