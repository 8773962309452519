import type { CabinetId, CabinetOverview, DomainError } from '@imtahan/domain'
import * as E from 'fp-ts/lib/Either.js'
import { ownCabinetId } from '../shared/cabinet-input.js'
import { loadCompletedCabinet, loadOverview } from '../shared/cabinet-reads.js'
import type { Call } from '../shared/caller.js'
import type { Env } from '../shared/env.js'
import type { FollowUps } from '../shared/process-registry.js'
import type { Result } from '../shared/result.js'
import type { CabinetUseCases } from './api.js'
import { onCabinet } from './cabinet-command.js'
import { maskPhone, onCabinetWithCode } from './codes.js'
import { completeRegistration } from './completion.js'
import type {
  ContactsChange,
  ContactsInput,
  IdentityDocumentInput,
  PasswordChange,
  PhoneCodeInput,
} from './input.js'
import { authenticate, completePasswordRecovery, requestPasswordRecovery } from './login.js'
import { checkNumberCap, checkPendingNumberCap } from './number-cap.js'
import { askRegistry, startRegistration } from './registration.js'
import { servicesUsed } from './services-view.js'

const overviewAfter =
  (env: Env, cabinetId: CabinetId) =>
  async (done: E.Either<DomainError, unknown>): Result<CabinetOverview> =>
    E.isLeft(done) ? done : loadOverview(env, cabinetId)

/** CAB-4/CAB-5: contacts during registration; the code goes by SMS, only its hash to the event. */
const setContacts = async (
  env: Env,
  cabinetId: string,
  { phone, email }: ContactsInput,
  call: Call,
): Result<{ codeSentTo: string }> => {
  const own = ownCabinetId(cabinetId, call)
  if (E.isLeft(own)) return own
  const id = own.right
  const capped = await checkNumberCap(env, id, phone)
  if (E.isLeft(capped)) return capped
  const sent = await onCabinetWithCode(
    env,
    id,
    (codeHash) => ({ type: 'SetContacts', phone, codeHash, ...(email === undefined ? {} : { email }) }),
    call,
  )
  return E.isLeft(sent) ? sent : E.right({ codeSentTo: maskPhone(phone) })
}

const resendPhoneCode = async (env: Env, cabinetId: string, call: Call): Result<{ codeSentTo: string }> => {
  const own = ownCabinetId(cabinetId, call)
  if (E.isLeft(own)) return own
  const capped = await checkPendingNumberCap(env, own.right)
  if (E.isLeft(capped)) return capped
  const sent = await onCabinetWithCode(
    env,
    own.right,
    (codeHash) => ({ type: 'ResendPhoneCode', codeHash }),
    call,
  )
  if (E.isLeft(sent)) return sent
  return E.right({ codeSentTo: sent.right.sentTo === undefined ? '' : maskPhone(sent.right.sentTo) })
}

const confirmPhone = async (
  env: Env,
  cabinetId: string,
  { code }: PhoneCodeInput,
  call: Call,
): Result<{ phone: string }> => {
  const own = ownCabinetId(cabinetId, call)
  if (E.isLeft(own)) return own
  const id = own.right
  const events = await onCabinet(env, id, { type: 'ConfirmPhone', code: code.trim() }, call)
  const overview = await overviewAfter(env, id)(events)
  return E.map((view: CabinetOverview) => ({ phone: view.phone.confirmed ?? '' }))(overview)
}

/** CAB-8: the new document is checked with the registry for the cabinet's own FIN. */
const renewDocument = async (
  env: Env,
  cabinetId: string,
  document: IdentityDocumentInput,
  call: Call,
): Result<CabinetOverview> => {
  const own = ownCabinetId(cabinetId, call)
  if (E.isLeft(own)) return own
  const id = own.right
  const cabinet = await loadCompletedCabinet(env, id)
  if (E.isLeft(cabinet)) return cabinet
  const registry = await askRegistry(env, 'lookupRenewal', { ...document, fin: cabinet.right.fin })
  return overviewAfter(env, id)(await onCabinet(env, id, { type: 'RenewDocument', document, registry }, call))
}

/** CAB-9: a new number is pending until its code is entered (→ confirmPhone). */
const changeContacts = async (
  env: Env,
  cabinetId: string,
  { phone, email }: ContactsChange,
  call: Call,
): Result<CabinetOverview> => {
  const own = ownCabinetId(cabinetId, call)
  if (E.isLeft(own)) return own
  const id = own.right
  const capped = await checkNumberCap(env, id, phone)
  if (E.isLeft(capped)) return capped
  const changed = await onCabinetWithCode(
    env,
    id,
    (codeHash) => ({
      type: 'ChangeContacts',
      ...(phone === undefined ? {} : { phone, codeHash }),
      ...(email === undefined ? {} : { email }),
    }),
    call,
  )
  return overviewAfter(env, id)(changed)
}

/** CAB-10: the current password is checked with the slow hash here; the decider judges the new one. */
const changePassword = async (
  env: Env,
  cabinetId: string,
  { currentPassword, newPassword }: PasswordChange,
  call: Call,
): Result<void> => {
  const own = ownCabinetId(cabinetId, call)
  if (E.isLeft(own)) return own
  const id = own.right
  const cabinet = await loadCompletedCabinet(env, id)
  if (E.isLeft(cabinet)) return cabinet
  const stored = cabinet.right.passwordHash
  const verified = stored !== undefined && (await env.passwordHasher.verify(currentPassword, stored))
  const newPasswordHash = verified ? await env.passwordHasher.hash(newPassword) : ''
  const command = {
    type: 'ChangePassword' as const,
    currentPasswordVerified: verified,
    newPassword,
    newPasswordHash,
  }
  return E.map(() => undefined)(await onCabinet(env, id, command, call))
}

const overview = async (env: Env, cabinetId: string, call: Call): Result<CabinetOverview> => {
  const own = ownCabinetId(cabinetId, call)
  return E.isLeft(own) ? own : loadOverview(env, own.right)
}

export const cabinetUseCases = (env: Env, followUps: FollowUps): CabinetUseCases => ({
  startRegistration: (input, call) => startRegistration(env, input, call),
  setContacts: (cabinetId, input, call) => setContacts(env, cabinetId, input, call),
  resendPhoneCode: (cabinetId, call) => resendPhoneCode(env, cabinetId, call),
  confirmPhone: (cabinetId, input, call) => confirmPhone(env, cabinetId, input, call),
  completeRegistration: (cabinetId, input, call) =>
    completeRegistration(env, followUps, cabinetId, input, call),
  authenticate: (input, call) => authenticate(env, input, call),
  overview: (cabinetId, call) => overview(env, cabinetId, call),
  servicesUsed: (cabinetId, call) => servicesUsed(env.views, cabinetId, call),
  renewDocument: (cabinetId, input, call) => renewDocument(env, cabinetId, input, call),
  changeContacts: (cabinetId, input, call) => changeContacts(env, cabinetId, input, call),
  changePassword: (cabinetId, input, call) => changePassword(env, cabinetId, input, call),
  requestPasswordRecovery: (input, call) => requestPasswordRecovery(env, input, call),
  completePasswordRecovery: (input, call) => completePasswordRecovery(env, input, call),
})
