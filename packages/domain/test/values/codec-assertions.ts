import type * as t from 'io-ts'
import { expect } from 'vitest'
import { decodeWith } from '../../src/index.js'
import { left, right } from '../support/specification.js'

/** Decodes through the kernel's `decodeWith`, failing the test on a refusal. */
export const decoded = <A, O>(codec: t.Type<A, O, unknown>, input: unknown): A =>
  right(decodeWith(codec)(input))

/** The codec refuses `input` with a `validation.invalid_input` whose message contains `explanation`. */
export const expectRefused = <A, O>(codec: t.Type<A, O, unknown>, input: unknown, explanation: string) => {
  const error = left(decodeWith(codec)(input))
  expect(error.code).toBe('validation.invalid_input')
  expect(error.message).toContain(explanation)
}
