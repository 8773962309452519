import { ADAPTER_ERRORS } from '@imtahan/adapters'
import { DOMAIN_ERRORS, type ErrorCode, type ErrorEntry } from '@imtahan/domain'
import { HTTP_ERRORS } from './codes.js'

/**
 * Every error code with its HTTP status and meaning, merged from the tables
 * of the domain, the adapters and the edge: the one place `statusFor` and the
 * catalogue read. Typed by `ErrorCode`, so a code without a row does not compile.
 */
export const ERRORS: { readonly [Code in ErrorCode]: ErrorEntry } = {
  ...DOMAIN_ERRORS,
  ...ADAPTER_ERRORS,
  ...HTTP_ERRORS,
}

/** Whether a text (read from outside the type system) is a declared code. */
export const isErrorCode = (text: string): text is ErrorCode => Object.hasOwn(ERRORS, text)

export const ERROR_CODES: readonly ErrorCode[] = Object.keys(ERRORS).filter(isErrorCode).sort()
