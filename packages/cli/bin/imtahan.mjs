#!/usr/bin/env -S node --max-semi-space-size=64
// `npx imtahan …` and `npm start` from a clone: runs the built CLI, building
// first only the packages whose dist is missing or older than their sources
// (a few stat calls), so a warm start rebuilds nothing; the build itself is a
// transpile by esbuild (./transpile.mjs), tsc stays the type-checking build
// (docs/operators.md, "Running the server").
import { spawnSync } from 'node:child_process'
import { readdirSync, statSync, utimesSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { transpile } from './transpile.mjs'

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
const toBuild = force ? PACKAGES.map(([name]) => name) : stale

/** `turbo run build` (tsc): only when esbuild is missing, as in an install without devDependencies. */
const buildWithTsc = () => {
  const turbo = join(root, 'node_modules', 'turbo', 'bin', 'turbo')
  // The build's output goes to stderr: stdout is the command's own (`imtahan export | …`).
  const args = ['run', 'build', '--output-logs=errors-only', ...(force ? ['--force'] : [])]
  const built = spawnSync(process.execPath, [turbo, ...args], { cwd: root, stdio: ['ignore', 2, 2] })
  if (built.status !== 0) {
    process.stderr.write('imtahan: the build failed; run `npm run build` to see why\n')
    process.exit(built.status ?? 1)
  }
}

if (toBuild.length > 0) {
  process.stderr.write(`imtahan: building (${force ? 'forced' : stale.join(', ')}) …\n`)
  let transpiled
  try {
    transpiled = await transpile(root, toBuild)
  } catch (error) {
    process.stderr.write(`imtahan: the build failed (${error.message}); run \`npm run build\` to see why\n`)
    process.exit(1)
  }
  if (!transpiled) buildWithTsc()
  // turbo may answer from its cache, and esbuild may leave an unchanged file as it was:
  // mark each package built now as built, so the next start sees it fresh.
  const now = new Date()
  const built = transpiled ? toBuild : PACKAGES.map(([name]) => name)
  for (const [name, entry] of PACKAGES) {
    if (built.includes(name)) utimesSync(join(root, 'packages', name, 'dist', entry), now, now)
  }
}

await import(pathToFileURL(join(root, 'packages', 'cli', 'dist', 'main.js')).href)
