import { randomInt } from 'node:crypto'
import type { CabinetCommand, CabinetEvent, CabinetId, DomainError, PhoneNumber } from '@imtahan/domain'
import * as E from 'fp-ts/lib/Either.js'
import { maskPhone } from '../../ports/sms.js'
import type { Call } from '../shared/caller.js'
import type { Env } from '../shared/env.js'
import { onCabinet } from './cabinet-command.js'
import { countCodeSent } from './number-cap.js'

/** CAB-5: a fresh 6-digit code and the salted hash that the event keeps instead of it. */
const newCode = (env: Env): { readonly code: string; readonly codeHash: string } => {
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
const sendIssuedCode = async (
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

/**
 * The one way a code leaves the system: a fresh code, the command that
 * records only its hash, then the SMS — sent only if the decision issued it.
 * Returns the events and the number the code went to.
 */
export const onCabinetWithCode = async (
  env: Env,
  cabinetId: CabinetId,
  command: (codeHash: string) => CabinetCommand,
  call: Call,
): Promise<
  E.Either<DomainError, { readonly events: readonly CabinetEvent[]; readonly sentTo?: PhoneNumber }>
> => {
  const { code, codeHash } = newCode(env)
  const events = await onCabinet(env, cabinetId, command(codeHash), call)
  if (E.isLeft(events)) return events
  const sentTo = await sendIssuedCode(env, events.right, code)
  return E.right(sentTo === undefined ? { events: events.right } : { events: events.right, sentTo })
}

export { maskPhone }
