import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { domainError } from '@imtahan/domain'
import { describe, expect, it } from 'vitest'
import { renderErrorCatalogue } from '../src/errors/catalogue.js'
import { ERROR_CODES, ERRORS } from '../src/errors/table.js'
import { problemOf } from '../src/problem.js'

const ROOT = join(import.meta.dirname, '../../..')
const CATALOGUE = join(ROOT, 'docs/errors.md')

/** Every quoted `area.some_code` literal in the sources of every package. */
const codesInSources = (): ReadonlySet<string> => {
  const areas = new Set(ERROR_CODES.map((code) => code.slice(0, code.indexOf('.'))))
  const found = new Set<string>()
  for (const pkg of ['domain', 'adapters', 'http', 'cli']) {
    const src = join(ROOT, 'packages', pkg, 'src')
    for (const file of readdirSync(src, { recursive: true, encoding: 'utf8' }).filter((f) =>
      f.endsWith('.ts'),
    ))
      for (const [, code] of readFileSync(join(src, file), 'utf8').matchAll(/['`]([a-z]+\.[a-z_]+)['`]/g))
        if (code !== undefined && areas.has(code.slice(0, code.indexOf('.')))) found.add(code)
  }
  return found
}

describe('one table of error codes', () => {
  it('answers every code with the status its table declares', () => {
    for (const code of ERROR_CODES) {
      const problem = problemOf(domainError(code, 'A sentence.'))
      expect({ code, status: problem.status, type: problem.type }).toEqual({
        code,
        status: ERRORS[code].status,
        type: `urn:imtahan:problem:${code}`,
      })
    }
  })

  // The type already refuses an undeclared code; this catches one that slips past it (a string from data, a cast).
  it('declares every code the sources raise', () => {
    const declared = new Set<string>(ERROR_CODES)
    expect([...codesInSources()].filter((code) => !declared.has(code))).toEqual([])
  })

  it('docs/errors.md is the catalogue rendered from the tables', () => {
    const rendered = renderErrorCatalogue()
    const stored = readFileSync(CATALOGUE, 'utf8')
    // Rewrite on drift so the fix is to commit the file; the test still fails this time.
    if (stored !== rendered) writeFileSync(CATALOGUE, rendered)
    expect(stored, 'docs/errors.md was out of date and has been regenerated; commit it').toBe(rendered)
  })
})
