#!/usr/bin/env node
// The consumer smoke test: what a team that installs @imtahan/domain and
// @imtahan/adapters from the registry gets.
//
// 1. `npm pack` both packages (prepack builds them) and check what the
//    tarballs hold: dist, types, calendar data, README, LICENSE — no tests.
// 2. Install the tarballs into a fresh project with their peers (from the
//    local npm cache when it can: --prefer-offline).
// 3. Extract every ```ts block of both READMEs into its own file and
//    type-check them with strict NodeNext settings and skipLibCheck: false.
//    Then run every block except those fenced ```ts check-only (they need a
//    server or a test runner), so the README cannot rot.
// 4. Import the core in a child node with a loader that records every
//    resolved module: it must load no database driver.
//
// Usage: node test/packaging/consumer-smoke.mjs   (KEEP=1 keeps the temp dir)
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
const PACKAGES = ['domain', 'adapters']
const started = Date.now()
const work = mkdtempSync(join(tmpdir(), 'imtahan-consumer-'))
const step = (text) => console.log(`-- ${text} (${((Date.now() - started) / 1000).toFixed(1)} s)`)
const run = (command, args, options = {}) =>
  execFileSync(command, args, {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 300_000,
    ...options,
  })
const fail = (message) => {
  console.error(`consumer smoke test FAILED: ${message}\n(project kept in ${work})`)
  process.exit(1)
}
const versionOf = (name) =>
  JSON.parse(readFileSync(join(ROOT, 'node_modules', name, 'package.json'), 'utf8')).version

try {
  // 1. Pack and look inside.
  step('npm pack')
  const packOutput = run(
    'npm',
    ['pack', '--json', '--pack-destination', work, ...PACKAGES.flatMap((p) => ['-w', `packages/${p}`])],
    { cwd: ROOT },
  )
  // prepack's build log comes first on stdout; the JSON report is the last thing printed.
  const packed = JSON.parse(packOutput.slice(packOutput.search(/^\[/m)))
  const tarballs = {}
  for (const { name, filename, files } of packed) {
    const paths = files.map((file) => file.path)
    tarballs[name] = join(work, filename)
    const must = [
      'package.json',
      'README.md',
      'LICENSE',
      'dist/index.js',
      'dist/index.d.ts',
      'dist/testing/index.js',
    ]
    if (name === '@imtahan/adapters') must.push('calendar/2026.json', 'dist/postgres.d.ts', 'dist/pglite.js')
    if (name === '@imtahan/domain') must.push('RULES.md')
    for (const path of must) if (!paths.includes(path)) fail(`${name} tarball lacks ${path}`)
    const tests = paths.filter((path) => /(^|\/)test\/|\.test\.[jt]s$/.test(path))
    if (tests.length > 0) fail(`${name} tarball carries tests: ${tests.slice(0, 5).join(', ')}`)
    const maps = paths.filter((path) => path.endsWith('.js.map'))
    for (const map of maps.slice(0, 50)) {
      const source = join(
        dirname(map),
        JSON.parse(run('tar', ['-xzOf', tarballs[name], `package/${map}`])).sources[0],
      )
      if (!paths.includes(source.replace(/\\/g, '/')))
        fail(`${name}: ${map} points at ${source}, not in the tarball`)
    }
    console.log(`   ${filename}: ${paths.length} files, no tests, source maps resolve`)
  }

  // 2. A fresh consumer project.
  step('install the tarballs into a fresh project')
  const project = join(work, 'consumer')
  mkdirSync(join(project, 'examples'), { recursive: true })
  const peers = [
    'fp-ts',
    'io-ts',
    'decimal.js',
    'pg',
    '@electric-sql/pglite',
    '@eventstore/db-client',
    'vitest',
  ]
  const dev = ['typescript', '@types/node']
  writeFileSync(
    join(project, 'package.json'),
    JSON.stringify(
      {
        name: 'imtahan-consumer',
        private: true,
        type: 'module',
        dependencies: {
          '@imtahan/domain': `file:${tarballs['@imtahan/domain']}`,
          '@imtahan/adapters': `file:${tarballs['@imtahan/adapters']}`,
          ...Object.fromEntries(peers.map((name) => [name, versionOf(name)])),
        },
        devDependencies: Object.fromEntries(dev.map((name) => [name, versionOf(name)])),
      },
      null,
      2,
    ),
  )
  run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts'], { cwd: project })

  // 3. The README examples, type-checked strictly, then run.
  step('extract the README examples')
  const examples = []
  for (const pkg of PACKAGES) {
    const readme = readFileSync(join(ROOT, 'packages', pkg, 'README.md'), 'utf8')
    const blocks = [...readme.matchAll(/^```ts( check-only)?\n([\s\S]*?)^```$/gm)]
    if (blocks.length === 0) fail(`packages/${pkg}/README.md has no ts examples`)
    blocks.forEach((block, index) => {
      const file = `${pkg}-${index + 1}`
      writeFileSync(join(project, 'examples', `${file}.ts`), block[2])
      examples.push({ file, run: block[1] === undefined })
    })
  }
  // No `any` in the public types: a wrong pool must not compile (it did while @types/pg was a devDependency).
  writeFileSync(
    join(project, 'examples', 'no-any.ts'),
    [
      "import { createPostgresEventStore } from '@imtahan/adapters/postgres'",
      "import { scoreAnswers } from '@imtahan/domain'",
      'export const wrongPool = () =>',
      '  // @ts-expect-error a pool is a pg.Pool',
      '  createPostgresEventStore({ pool: 42 })',
      '// @ts-expect-error scoreAnswers needs its whole input',
      'export const wrongInput = () => scoreAnswers({})',
      '',
    ].join('\n'),
  )
  writeFileSync(
    join(project, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        target: 'ES2022',
        lib: ['ES2023'],
        module: 'nodenext',
        moduleResolution: 'nodenext',
        strict: true,
        noUncheckedIndexedAccess: true,
        exactOptionalPropertyTypes: true,
        skipLibCheck: false,
        types: ['node'],
        outDir: 'out',
        rootDir: 'examples',
      },
      include: ['examples/*.ts'],
    }),
  )
  step(`type-check ${examples.length} examples (strict, nodenext, skipLibCheck: false)`)
  try {
    run(join(project, 'node_modules/.bin/tsc'), ['-p', project], { cwd: project })
  } catch (error) {
    fail(`the README examples do not type-check:\n${error.stdout}${error.stderr}`)
  }
  for (const { file, run: runnable } of examples) {
    if (!runnable) continue
    step(`run ${file}`)
    try {
      const out = run(process.execPath, [join(project, 'out', `${file}.js`)], {
        cwd: project,
        timeout: 60_000,
      })
      if (out.trim() !== '') console.log(out.trimEnd().replace(/^/gm, '   '))
    } catch (error) {
      fail(`README example ${file} failed:\n${error.stdout}${error.stderr}`)
    }
  }

  // 4. The core loads no driver; the driver entries load theirs.
  step('module graph: the core loads no database driver')
  const record = join(work, 'resolved.txt')
  const loaded = (specifier) => {
    writeFileSync(record, '')
    run(
      process.execPath,
      [
        '--import',
        join(ROOT, 'test/packaging/record-resolutions.mjs'),
        '--input-type=module',
        '-e',
        `await import('${specifier}')`,
      ],
      { cwd: project, env: { ...process.env, IMTAHAN_RESOLVED: record } },
    )
    return readFileSync(record, 'utf8')
  }
  const DRIVERS = [
    '/node_modules/pg/',
    '/node_modules/@electric-sql/pglite/',
    '/node_modules/@eventstore/db-client/',
  ]
  const core = loaded('@imtahan/adapters')
  const leaked = DRIVERS.filter((driver) => core.includes(driver))
  if (leaked.length > 0) fail(`importing @imtahan/adapters loaded ${leaked.join(', ')}`)
  if (!core.includes('/node_modules/@imtahan/adapters/dist/index.js')) fail('the loader recorded nothing')
  for (const [entry, driver] of [
    ['postgres', DRIVERS[0]],
    ['pglite', DRIVERS[1]],
    ['eventstoredb', DRIVERS[2]],
  ])
    if (!loaded(`@imtahan/adapters/${entry}`).includes(driver))
      fail(`@imtahan/adapters/${entry} did not load ${driver}`)
  console.log('   @imtahan/adapters: no driver; /postgres, /pglite, /eventstoredb: their own')
  step('consumer smoke test passed')
  if (process.env.KEEP !== '1') rmSync(work, { recursive: true, force: true })
  else console.log(`   kept ${work}`)
} catch (error) {
  fail(error.stack ?? String(error))
}
