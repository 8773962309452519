import { readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'

/**
 * The layout rules of docs/architecture.md, checked on every run so they
 * cannot erode: no import cycle inside a package's `src`, and no source file
 * longer than a reader can hold (300 lines; split by meaning, not by count).
 */
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const PACKAGES = ['domain', 'adapters', 'http', 'cli']
const MAX_LINES = 300

const sourcesUnder = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return sourcesUnder(path)
    return name.endsWith('.ts') && !name.endsWith('.d.ts') ? [path] : []
  })

/** Relative imports of one file, resolved to files (`./x.js` is the source `./x.ts`). */
const importsOf = (file: string, known: ReadonlySet<string>): string[] => {
  const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true)
  return importedFiles
    .map(({ fileName }) => fileName)
    .filter((name) => name.startsWith('.'))
    .map((name) => resolve(dirname(file), name.replace(/\.js$/, '.ts')))
    .map((path) => (known.has(path) ? path : join(path.replace(/\.ts$/, ''), 'index.ts')))
    .filter((path) => known.has(path))
}

/** Tarjan's strongly connected components; a component of two or more files is a cycle. */
const cyclesOf = (graph: ReadonlyMap<string, readonly string[]>): string[][] => {
  let counter = 0
  const index = new Map<string, number>()
  const low = new Map<string, number>()
  const stack: string[] = []
  const onStack = new Set<string>()
  const cycles: string[][] = []
  const visit = (node: string): void => {
    index.set(node, counter)
    low.set(node, counter)
    counter += 1
    stack.push(node)
    onStack.add(node)
    for (const next of graph.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next)
        low.set(node, Math.min(low.get(node) ?? 0, low.get(next) ?? 0))
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node) ?? 0, index.get(next) ?? 0))
      }
    }
    if (low.get(node) !== index.get(node)) return
    const component: string[] = []
    for (;;) {
      const member = stack.pop() as string
      onStack.delete(member)
      component.push(member)
      if (member === node) break
    }
    const selfImport = component.length === 1 && (graph.get(node) ?? []).includes(node)
    if (component.length > 1 || selfImport) cycles.push(component.sort())
  }
  for (const node of graph.keys()) if (!index.has(node)) visit(node)
  return cycles
}

describe.each(PACKAGES)('packages/%s/src', (pkg) => {
  const src = join(ROOT, 'packages', pkg, 'src')
  const files = sourcesUnder(src)
  const known = new Set(files)

  it('has no import cycle', () => {
    const graph = new Map(files.map((file) => [file, importsOf(file, known)]))
    const cycles = cyclesOf(graph).map((cycle) => cycle.map((file) => relative(src, file)))
    expect(cycles).toEqual([])
  })

  it(`has no source file over ${MAX_LINES} lines`, () => {
    const long = files
      .map((file) => ({ file: relative(src, file), lines: readFileSync(file, 'utf8').split('\n').length }))
      .filter(({ lines }) => lines > MAX_LINES)
    expect(long).toEqual([])
  })
})
