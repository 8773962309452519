// The launcher's build: each stale package's `src/**/*.ts` transpiled to
// `dist/**/*.js` (with source maps) by esbuild, file by file, in the layout
// `tsc` writes. No type-checking and no `.d.ts`: starting the server needs
// neither, and `npm run build` (tsc through turbo) stays the build that CI,
// `npm run typecheck`, packing and the published `dist` rely on — it rewrites
// every file this writes. Transpiling the four packages takes about a second
// where `tsc` took most of a minute (docs/benchmarks.md, "Start").
import { join } from 'node:path'

/**
 * Transpiles the named packages (`domain`, `adapters`, …) under `root`;
 * `false` when esbuild is not installed (a production install without
 * devDependencies), so the caller can fall back to `turbo run build`.
 * Rejects with esbuild's message when a source does not parse.
 */
export const transpile = async (root, names) => {
  let esbuild
  try {
    esbuild = await import('esbuild')
  } catch {
    return false
  }
  // Packages do not depend on each other's output here (no types are read), so all at once.
  await Promise.all(
    names.map((name) => {
      const pkg = join(root, 'packages', name)
      return esbuild.build({
        entryPoints: [join(pkg, 'src', '**', '*.ts')],
        outbase: join(pkg, 'src'),
        outdir: join(pkg, 'dist'),
        // The package's tsconfig gives the class-field semantics and verbatimModuleSyntax tsc uses.
        tsconfig: join(pkg, 'tsconfig.json'),
        format: 'esm',
        platform: 'node',
        target: 'node20',
        sourcemap: true,
        logLevel: 'error',
      })
    }),
  )
  return true
}
