import type { CabinetId } from './person.js'

/**
 * Stream names of the cabinet's streams. None contains personal data: the
 * FIN appears only as the application's keyed fingerprint.
 */
export const cabinetStreamId = (cabinetId: CabinetId): string => `cabinet-${cabinetId}`
export const finReservationStreamId = (finFingerprint: string): string => `finreservation-${finFingerprint}`
export const registrationAttemptsStreamId = (finFingerprint: string): string =>
  `registrationattempts-${finFingerprint}`
export const CABINET_NUMBERS_STREAM_ID = 'cabinetnumbers-allocator'
