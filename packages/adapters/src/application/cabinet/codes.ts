import { randomInt } from 'node:crypto'
import type { CabinetEvent, PhoneNumber } from '@imtahan/domain'
import { maskPhone } from '../../ports/sms.js'
import type { Env } from '../shared/env.js'
import { countCodeSent } from './number-cap.js'

/** CAB-5: a fresh 6-digit code and the salted hash that the event keeps instead of it. */
export const newCode = (env: Env): { readonly code: string; readonly codeHash: string } => {
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0')
  return { code, codeHash: env.codeHasher.hash(code) }
}

const textOf = (env: Env, code: string, purpose: 'phone' | 'recovery'): string => {
  const minutes = Math.round(env.policy.cabinet.otp.ttlSeconds / 60)
  const what = purpose === 'phone' ? 'confirmation code' : 'password recovery code'
  return `DİM: your ${what} is ${code}. It is valid for ${minutes} minutes. Do not share it.`
}

/**
 * Sends the code only if the decision issued it: no SMS for a refused or
 * repeated command, and always to the number the event names (for recovery,
 * the confirmed number — never a pending one). Each code sent counts
 * against its number's cap (number-cap.ts).
 */
export const sendIssuedCode = async (
  env: Env,
  events: readonly CabinetEvent[],
  code: string,
): Promise<PhoneNumber | undefined> => {
  for (const event of events) {
    if (event.type !== 'PhoneCodeIssued' && event.type !== 'PasswordRecoveryCodeIssued') continue
    await env.sms.send(
      event.phone,
      textOf(env, code, event.type === 'PhoneCodeIssued' ? 'phone' : 'recovery'),
    )
    await countCodeSent(env, event.phone)
    env.logger?.info({ cabinetId: event.cabinetId, purpose: event.type }, 'confirmation code sent')
    return event.phone
  }
  return undefined
}

export { maskPhone }
