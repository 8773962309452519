/**
 * The few matchers the contract suite uses. Vitest's and Jest's `expect`
 * both fit, so the suite needs no test-runner dependency of its own.
 */
export type ContractMatchers = {
  toBe(expected: unknown): void
  toEqual(expected: unknown): void
  toMatchObject(expected: object): void
  toHaveLength(length: number): void
  toBeNull(): void
  toBeInstanceOf(expected: unknown): void
  readonly rejects: { toBeInstanceOf(expected: unknown): Promise<unknown> }
}

/**
 * The test runner's functions, as the suite calls them: pass your runner's
 * own `describe`, `it`, `expect`, `beforeAll` and `afterAll`
 * (`import { describe, it, expect, beforeAll, afterAll } from 'vitest'`).
 */
export type Runner = {
  readonly describe: (name: string, body: () => void) => unknown
  readonly it: (name: string, body: () => Promise<void>) => unknown
  readonly expect: (actual: unknown) => ContractMatchers
  readonly beforeAll: (body: () => Promise<void>) => unknown
  readonly afterAll: (body: () => Promise<void>) => unknown
}
