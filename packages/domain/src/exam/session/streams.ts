/**
 * Session ids are derived, never chosen: `<examId>.<cabinetId>`. So the first
 * registration of a cabinet for a sitting creates the stream
 * `examsession-<examId>.<cabinetId>` with a no-stream append, and two
 * concurrent registrations of the same candidate for the same sitting meet
 * in one stream — the store lets one through and the other is decided
 * against the first (EXM-10: one registration per candidate per sitting).
 * Exam ids cannot contain a dot, so the prefix names the sitting exactly.
 */
export const sessionIdOf = (examId: string, cabinetId: string): string => `${examId}.${cabinetId}`

export const sessionStreamId = (sessionId: string): string => `examsession-${sessionId}`

export const belongsToExam = (sessionId: string, examId: string): boolean =>
  sessionId.startsWith(`${examId}.`)

/** The sitting of a session, read from its id. */
export const examIdOfSession = (sessionId: string): string => sessionId.slice(0, sessionId.indexOf('.'))

/** A refused registration may be tried again (after a top-up); each attempt has its own id. */
export const registrationIdOf = (sessionId: string, attempt: number): string => `${sessionId}:${attempt}`

export const sessionOfRegistration = (registrationId: string): string =>
  registrationId.slice(0, registrationId.lastIndexOf(':'))

const FEE_PREFIX = 'examfee:'

/** The wallet charge id of a registration's fee: a redelivered charge is answered, never charged twice. */
export const feeChargeIdOf = (registrationId: string): string => `${FEE_PREFIX}${registrationId}`

/** The registration a wallet charge paid for, or undefined for any other charge. */
export const registrationOfCharge = (chargeId: string): string | undefined =>
  chargeId.startsWith(FEE_PREFIX) && chargeId.lastIndexOf(':') > FEE_PREFIX.length - 1
    ? chargeId.slice(FEE_PREFIX.length)
    : undefined
