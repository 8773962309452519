#!/usr/bin/env node
// `npx imtahan …` and `npm start` from a clone: runs the built CLI, building
// first when a package's dist is missing or older than its sources, so a
// warm start does not rebuild anything (docs/operators.md, "Fast start").
import { spawnSync } from 'node:child_process'
import { readdirSync, statSync, utimesSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..')
/** Each package and the file its build writes last-but-surely (tsc rewrites every output). */
const PACKAGES = [
  ['domain', 'index.js'],
  ['adapters', 'index.js'],
  ['http', 'index.js'],
  ['cli', 'main.js'],
]

const mtimeOf = (path) => {
  try {
    return statSync(path).mtimeMs
  } catch {
    return undefined
  }
}

/** The newest modification under `dir`, folders included (a deleted file changes its folder). */
const newest = (dir) => {
  let latest = mtimeOf(dir) ?? 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : (mtimeOf(path) ?? 0))
  }
  return latest
}

const stale = PACKAGES.filter(([name, entry]) => {
  const pkg = join(root, 'packages', name)
  const built = mtimeOf(join(pkg, 'dist', entry))
  if (built === undefined) return true
  const sources = Math.max(newest(join(pkg, 'src')), mtimeOf(join(pkg, 'tsconfig.json')) ?? 0)
  return sources > built
}).map(([name]) => name)

const force = process.env.IMTAHAN_FORCE_BUILD === '1'
if (stale.length > 0 || force) {
  process.stderr.write(`imtahan: building (${stale.join(', ') || 'forced'}) …\n`)
  const turbo = join(root, 'node_modules', 'turbo', 'bin', 'turbo')
  // The build's output goes to stderr: stdout is the command's own (`imtahan export | …`).
  const args = ['run', 'build', '--output-logs=errors-only', ...(force ? ['--force'] : [])]
  const built = spawnSync(process.execPath, [turbo, ...args], {
    cwd: root,
    stdio: ['ignore', 2, 2],
  })
  if (built.status !== 0) {
    process.stderr.write('imtahan: the build failed; run `npm run build` to see why\n')
    process.exit(built.status ?? 1)
  }
  // turbo may answer from its cache without rewriting dist (the outputs already match the sources):
  // mark each package as built now, so the next start sees it fresh.
  const now = new Date()
  for (const [name, entry] of PACKAGES) utimesSync(join(root, 'packages', name, 'dist', entry), now, now)
}

await import(pathToFileURL(join(root, 'packages', 'cli', 'dist', 'main.js')).href)
