import type { ErrorTable } from '../kernel/errors.js'

/** Refusals of the cabinet (registration, contacts, password). `cabinet.not_*` and `too_many_attempts` are also raised by the adapters' use cases. */
export const CABINET_ERRORS = {
  'cabinet.already_completed': {
    status: 409,
    meaning: 'The cabinet is already complete; sign in instead of registering again.',
  },
  'cabinet.already_exists': {
    status: 409,
    meaning: 'A cabinet already exists for this FIN; its owner restores access with "Forgot password".',
  },
  'cabinet.code_missing': {
    status: 422,
    meaning: 'A new mobile number was given without the confirmation code to send to it.',
  },
  'cabinet.document_expired': { status: 422, meaning: 'The identity document has expired.' },
  'cabinet.document_of_another_person': {
    status: 422,
    meaning: 'The registry lists the document under another FIN.',
  },
  'cabinet.document_series_not_allowed': {
    status: 422,
    meaning: 'Documents of this series are not accepted.',
  },
  'cabinet.fin_not_reserved': {
    status: 422,
    meaning: 'The registration no longer holds its FIN (abandoned too long); start again.',
  },
  'cabinet.no_pending_phone': {
    status: 422,
    meaning: 'No mobile number is waiting for a confirmation code.',
  },
  'cabinet.not_completed': {
    status: 422,
    meaning: 'The registration is not finished (mobile number and password first).',
  },
  'cabinet.not_found': { status: 404, meaning: 'No registration was started for this cabinet.' },
  'cabinet.nothing_to_change': {
    status: 422,
    meaning: 'A contact change named neither a new mobile number nor a new e-mail.',
  },
  'cabinet.numbers_exhausted': {
    status: 422,
    meaning: 'No cabinet numbers are left in the configured range.',
  },
  'cabinet.phone_not_confirmed': {
    status: 422,
    meaning: 'The mobile number must be confirmed before a password is set.',
  },
  'cabinet.registration_already_started': {
    status: 422,
    meaning: 'This cabinet id already holds a registration with other data.',
  },
  'cabinet.registration_in_progress': {
    status: 409,
    meaning: 'Another registration holds this FIN until it finishes or lapses.',
  },
  'cabinet.registry_no_match': {
    status: 422,
    meaning: 'Document series, number and FIN do not match the population registry.',
  },
  'cabinet.too_many_attempts': {
    status: 429,
    meaning: 'Too many registrations for this FIN failed the registry check; wait and retry.',
  },
  'cabinet.wrong_password': { status: 422, meaning: 'The current password is wrong, so it was not changed.' },
} as const satisfies ErrorTable
