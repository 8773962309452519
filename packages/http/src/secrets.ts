import { createHmac } from 'node:crypto'

/**
 * One server secret, a separate key per purpose: a key that leaks from one
 * use (say, registration tokens) tells nothing about another (FIN fingerprints).
 */
export const deriveKey = (secret: Buffer, purpose: string): Buffer =>
  createHmac('sha256', secret).update(`imtahan key\n${purpose}`).digest()
