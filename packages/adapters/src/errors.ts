import type { ErrorTable } from '@imtahan/domain'

/**
 * Codes below the domain: who may do what (raised by the use cases and by the
 * HTTP auth middleware, one family in one place), and the event store's and
 * the command handler's refusals. Registered with the domain's `ErrorCodes`
 * below so that `DomainError.code` accepts them.
 */
export const ADAPTER_ERRORS = {
  'auth.forbidden': { status: 403, meaning: 'The caller’s role may not do this (SPEC §5).' },
  'auth.read_only': {
    status: 403,
    meaning: 'The auditor’s key reads every stream and writes nothing (RULES.md §5).',
  },
  'auth.invalid_credentials': {
    status: 401,
    meaning: 'The cabinet number or FIN, or the password, is wrong.',
  },
  'auth.too_many_attempts': { status: 429, meaning: 'Too many failed sign-ins; wait `Retry-After` seconds.' },
  'auth.unauthenticated': { status: 401, meaning: 'No valid bearer token was sent.' },
  'command.concurrency_exhausted': {
    status: 409,
    meaning: 'The stream kept changing under the command; retry it.',
  },
  'store.duplicate_event_id': { status: 409, meaning: 'An event with this id is already stored.' },
  'store.malformed_event': { status: 409, meaning: 'A stored event does not decode with its codec.' },
  'store.wrong_expected_version': {
    status: 409,
    meaning: 'The stream is not at the version the append expected.',
  },
} as const satisfies ErrorTable

type AdapterErrorTable = typeof ADAPTER_ERRORS

declare module '@imtahan/domain' {
  interface ErrorCodes extends AdapterErrorTable {}
}
