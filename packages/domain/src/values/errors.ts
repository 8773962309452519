import type { ErrorTable } from '../kernel/errors.js'

/** Refusals of the value objects and of input decoding, shared by every area. */
export const VALUE_ERRORS = {
  'money.invalid_amount': {
    status: 422,
    meaning: 'A text is not an amount in manat with at most 2 decimals.',
  },
  'otp.expired': { status: 422, meaning: 'The confirmation code has expired.' },
  'otp.no_code': { status: 422, meaning: 'No confirmation code is waiting.' },
  'otp.daily_limit_reached': {
    status: 429,
    meaning: 'The daily number of confirmation codes for this cabinet or number is used up; try again later.',
  },
  'otp.resend_too_soon': { status: 429, meaning: 'A new code cannot be sent yet.' },
  'otp.too_many_attempts': { status: 422, meaning: 'Too many wrong codes were entered; ask for a new one.' },
  'otp.wrong_code': { status: 422, meaning: 'The confirmation code is wrong.' },
  'password.too_weak': { status: 422, meaning: 'The password does not meet the policy.' },
  'validation.invalid_input': {
    status: 400,
    meaning: 'The input does not decode; `problems` lists every fault.',
  },
} as const satisfies ErrorTable
