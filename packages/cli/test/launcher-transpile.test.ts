import { execFileSync } from 'node:child_process'
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
// @ts-expect-error: the launcher's helper is plain JavaScript beside the bin, without types
import { transpile } from '../bin/transpile.mjs'

const roots: string[] = []
afterEach(async () => {
  for (const root of roots.splice(0)) await rm(root, { recursive: true, force: true })
})

/** A workspace with one package `demo` holding the given `src` files. */
const workspace = async (files: Record<string, string>): Promise<string> => {
  const root = await mkdtemp(join(tmpdir(), 'imtahan-transpile-'))
  roots.push(root)
  const pkg = join(root, 'packages', 'demo')
  await mkdir(join(pkg, 'src', 'inner'), { recursive: true })
  await writeFile(join(pkg, 'package.json'), '{ "type": "module" }')
  await writeFile(
    join(pkg, 'tsconfig.json'),
    '{ "compilerOptions": { "target": "ES2022", "verbatimModuleSyntax": true } }',
  )
  for (const [path, text] of Object.entries(files)) await writeFile(join(pkg, 'src', path), text)
  return root
}

describe('the launcher build (esbuild transpile for npm start)', () => {
  it('writes runnable JavaScript in the layout tsc writes: dist mirrors src, .js specifiers kept', async () => {
    const root = await workspace({
      'inner/shape.ts': 'export type Shape = { readonly side: number }\nexport class Square { side = 3 }\n',
      'main.ts': [
        "import type { Shape } from './inner/shape.js'",
        "import { Square } from './inner/shape.js'",
        'const area = (shape: Shape): number => shape.side ** 2',
        'console.log(area(new Square()))',
      ].join('\n'),
    })
    expect(await transpile(root, ['demo'])).toBe(true)
    const dist = join(root, 'packages', 'demo', 'dist')
    expect((await readdir(dist, { recursive: true })).sort()).toEqual([
      'inner',
      'inner/shape.js',
      'inner/shape.js.map',
      'main.js',
      'main.js.map',
    ])
    expect(execFileSync(process.execPath, [join(dist, 'main.js')], { encoding: 'utf8' })).toBe('9\n')
  })

  it('refuses a source that does not parse, naming the file', async () => {
    const root = await workspace({ 'main.ts': 'export const broken = (\n' })
    await expect(transpile(root, ['demo'])).rejects.toThrow(/main\.ts/)
  })
})
