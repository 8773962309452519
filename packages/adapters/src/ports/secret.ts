/** Refuses a server secret too short to key an HMAC safely (fewer than 16 bytes). */
export const requireSecret = (secret: string | Uint8Array, purpose: string): Buffer => {
  const bytes = typeof secret === 'string' ? Buffer.from(secret, 'utf8') : Buffer.from(secret)
  if (bytes.length < 16) throw new Error(`The ${purpose} secret must be at least 16 bytes long`)
  return bytes
}
