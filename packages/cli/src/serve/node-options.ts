/**
 * The V8 options a server runs with: `npm start`, the launcher's shebang
 * (`npx imtahan`) and the benchmarks' server processes all pass these.
 * A 64 MB young generation (V8's default is 16 MB): a re-score or a
 * projection batch allocates a sitting's documents at once, and in the
 * default one every scavenge copied them again (re-score of 10,000
 * sessions: 3.1 s → 2.7 s, docs/benchmarks.md). Memory only grows that far under such load.
 */
export const SERVE_NODE_OPTIONS: readonly string[] = ['--max-semi-space-size=64']
