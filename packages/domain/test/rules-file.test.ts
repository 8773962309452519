import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

const root = new URL('..', import.meta.url).pathname
const sources = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : []
  })
const idsIn = (text: string) =>
  new Set(text.match(/\b(?:CAB|WAL|PAY|EXM|SCO|SES|VIO|PUB|APL|CAL|ROL)-\d+\b/g) ?? [])

describe('RULES.md, the rule table shipped with @imtahan/domain', () => {
  it('defines every rule id the sources cite, so a doc comment never points at nothing', () => {
    const defined = idsIn(
      readFileSync(join(root, 'RULES.md'), 'utf8')
        .split('\n')
        .filter((line) => /^\| [A-Z]+-\d+ \|/.test(line))
        .join('\n'),
    )
    const cited = new Set(
      sources(join(root, 'src')).flatMap((file) => [...idsIn(readFileSync(file, 'utf8'))]),
    )
    expect([...cited].filter((id) => !defined.has(id)).sort()).toEqual([])
  })
})
