import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { SERVE_NODE_OPTIONS } from '../src/serve/node-options.js'

const ROOT = fileURLToPath(new URL('../../../', import.meta.url))
const LAUNCHER = `${ROOT}packages/cli/bin/imtahan.mjs`

describe('a server runs with the V8 options it was measured with', () => {
  it('`npm start`, `npm run bench` and the launcher’s shebang pass every one of them', () => {
    const scripts = JSON.parse(readFileSync(`${ROOT}package.json`, 'utf8')).scripts as Record<string, string>
    const shebang = readFileSync(LAUNCHER, 'utf8').split('\n')[0]!
    for (const option of SERVE_NODE_OPTIONS) {
      expect(scripts.start).toContain(`node ${option} `)
      expect(scripts.bench).toContain(`node ${option} `)
      expect(shebang).toContain(` ${option}`)
    }
  })

  it('the launcher runs through its shebang, as `npx imtahan` starts it', () => {
    const usage = execFileSync(LAUNCHER, ['help'], { cwd: ROOT, encoding: 'utf8' })
    expect(usage).toMatch(/^usage: imtahan <command>/)
  })
})
