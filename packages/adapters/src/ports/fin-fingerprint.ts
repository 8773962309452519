import { createHmac } from 'node:crypto'
import { requireSecret } from './secret.js'

/**
 * The key of a FIN's reservation stream (CAB-3). A FIN is personal data and
 * stream ids show up in logs, URLs and admin tools, so the stream is keyed by
 * HMAC-SHA-256(secret, FIN) instead: stable for one secret, and — unlike a
 * plain hash of 7 characters — not reversible by trying every FIN.
 */
export type FinFingerprint = (fin: string) => string

export const createFinFingerprint = (secret: string | Uint8Array): FinFingerprint => {
  const key = requireSecret(secret, 'FIN fingerprint')
  return (fin) => createHmac('sha256', key).update(fin, 'utf8').digest('hex')
}
