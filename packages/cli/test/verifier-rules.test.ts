import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { canonicalJson } from '@imtahan/adapters'
import { normaliseOpenAnswer, readClosedAnswer } from '@imtahan/domain'
import * as fc from 'fast-check'
import { describe, expect, it } from 'vitest'

/**
 * The auditor's verifier (docs/auditors/verify_export.py) re-implements two
 * rules from their description in docs/auditors.md: the canonical JSON that
 * is hashed, and how an answer is compared with the key (SCO-2). Here both are
 * run on the same generated inputs as the product's own functions, in one
 * python3 process per property.
 */
const DIR = fileURLToPath(new URL('../../../docs/auditors/', import.meta.url))
const python = spawnSync('python3', ['--version']).status === 0

const HARNESS = `
import json, sys
sys.path.insert(0, sys.argv[1])
import verify_export as v
job = json.load(sys.stdin)
out = {
  "canonical": [v.canonical(value) for value in job["canonical"]],
  "open": [v.normalise_open(text) for text in job["open"]],
  "closed": [v.read_closed(text) for text in job["closed"]],
}
sys.stdout.write(json.dumps(out, ensure_ascii=True))
`

const inPython = (job: { canonical?: unknown[]; open?: string[]; closed?: string[] }) => {
  const run = spawnSync('python3', ['-c', HARNESS, DIR], {
    input: JSON.stringify({ canonical: [], open: [], closed: [], ...job }),
    encoding: 'utf8',
  })
  if (run.status !== 0) throw new Error(run.stderr)
  return JSON.parse(run.stdout) as { canonical: string[]; open: string[]; closed: string[] }
}

/** Letters and spaces where Azerbaijani, Unicode and the two runtimes could disagree. */
const TRICKY = [
  'I',
  'İ',
  'ı',
  'i',
  'I\u0307',
  'Ə',
  'ə',
  'Ş',
  'ş',
  'Ç',
  'Ğ',
  'Ö',
  'Ü',
  'a',
  'B',
  'c',
  'E',
  'F',
  '3',
  '5',
  '0',
  ',',
  '.',
  ' ',
  '\t',
  '\n',
  '\u00a0',
  '\u2003',
  '\u3000',
  '\ufeff',
  '\u2028',
  '\u001c',
  '\u0085',
  'Σ',
  'Α',
  'e\u0301',
  'é',
  'ß',
  'Ǆ',
  'ﬁ',
  '𝐀',
  '٣',
  '-',
]
const answer = fc.array(fc.constantFrom(...TRICKY), { maxLength: 8 }).map((parts) => parts.join(''))

describe.skipIf(!python)(
  'verify_export.py implements the documented rules exactly as the product does',
  () => {
    it('SCO-2: open answers normalise the same (Azerbaijani İ/I folding, spaces, decimal comma) and closed answers read the same', () => {
      const samples = fc.sample(answer, { numRuns: 3000, seed: 2026 })
      const fixed = ['SIRF', 'İstanbul', '3,5', ' 3 , 5 ', '1,2,3', 'a, b', 'IP', ' b ', 'AB', '', '  ', 'ə']
      const texts = [...fixed, ...samples]
      const theirs = inPython({ open: texts, closed: texts })
      expect(theirs.open).toEqual(texts.map(normaliseOpenAnswer))
      expect(theirs.closed).toEqual(texts.map(readClosedAnswer))
    })

    it('the canonical JSON of any JSON value is byte for byte the one the store hashes', () => {
      const values = fc.sample(fc.jsonValue({ maxDepth: 3, stringUnit: 'binary' }), {
        numRuns: 400,
        seed: 2026,
      })
      const theirs = inPython({ canonical: values })
      expect(theirs.canonical).toEqual(values.map((value) => canonicalJson(value)))
    })
  },
)
