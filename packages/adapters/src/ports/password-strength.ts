import { createRequire } from 'node:module'
import type { PasswordStrength, PasswordVerdict } from '@imtahan/domain'
import type { ZxcvbnFactory } from '@zxcvbn-ts/core'

/**
 * zxcvbn and its dictionaries (1.6 MB of JavaScript, ≈ 0.3 CPU-seconds to
 * load) are required on the first check, not when this module is imported:
 * a starting server, and every process that never judges a password, does
 * without them. `require`, because the check is synchronous.
 */
const requireOnUse = createRequire(import.meta.url)
const loadZxcvbn = () => ({
  core: requireOnUse('@zxcvbn-ts/core') as typeof import('@zxcvbn-ts/core'),
  common: requireOnUse('@zxcvbn-ts/language-common') as typeof import('@zxcvbn-ts/language-common'),
  english: requireOnUse('@zxcvbn-ts/language-en') as typeof import('@zxcvbn-ts/language-en'),
})

/**
 * Words an Azerbaijani password is made of that the English and common
 * lists lack: greetings, "password", the country and its cities, the
 * Centre's own name, words that fill the most leaked local passwords.
 */
export const AZERBAIJANI_WORDS = [
  'parol',
  'sifre',
  'şifrə',
  'salam',
  'sagol',
  'azerbaijan',
  'azerbaycan',
  'azərbaycan',
  'baku',
  'baki',
  'bakı',
  'gence',
  'gəncə',
  'sumqayit',
  'qarabag',
  'qarabağ',
  'shusha',
  'susa',
  'şuşa',
  'imtahan',
  'vetən',
  'veten',
  'vətən',
  'sevgi',
  'seni',
  'sevirem',
  'qardas',
  'qardaş',
  'ana',
  'ata',
  'aze',
  'azeri',
  'neftci',
  'qarabagfk',
  'dim',
]

/**
 * CAB-6's strength check: zxcvbn (`@zxcvbn-ts/core`) with the common and
 * English dictionaries, a short Azerbaijani list, and the person's own data
 * as user inputs (FIN, document number, cabinet number, phone, names). The
 * dictionaries are large: they are loaded once, on the first check, and
 * shared by every later one.
 */
/** Characters of a password zxcvbn looks at: the rest cannot make a weak start strong in its eyes anyway. */
export const MAX_JUDGED_LENGTH = 40

export const createZxcvbnPasswordStrength = (): PasswordStrength => {
  let factory: ZxcvbnFactory | undefined
  const load = () => {
    if (factory === undefined) {
      const { core, common, english } = loadZxcvbn()
      factory = new core.ZxcvbnFactory({
        translations: english.translations,
        graphs: common.adjacencyGraphs,
        dictionary: { ...common.dictionary, ...english.dictionary, azerbaijani: AZERBAIJANI_WORDS },
      })
    }
    return factory
  }
  return (password, userInputs): PasswordVerdict => {
    // zxcvbn's cost grows steeply with length (seconds at 100 characters): the first 40 are judged.
    const result = load().check(password.slice(0, MAX_JUDGED_LENGTH), [...userInputs])
    return {
      score: result.score,
      ...(result.feedback.warning ? { warning: result.feedback.warning } : {}),
      suggestions: result.feedback.suggestions,
    }
  }
}

let shared: PasswordStrength | undefined

/** One estimator per process: its dictionaries are loaded once, however many applications are made. */
export const defaultPasswordStrength = (): PasswordStrength => {
  shared ??= createZxcvbnPasswordStrength()
  return shared
}
