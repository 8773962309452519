import type * as E from 'fp-ts/lib/Either.js'
import type { DomainError } from '../kernel/errors.js'
import type { CabinetCommand } from './commands.js'
import { changeContacts, confirmPhone, resendPhoneCode, setContacts } from './contacts.js'
import type { CabinetEvent } from './events.js'
import { changePassword, completePasswordRecovery, requestPasswordRecovery } from './password.js'
import type { CabinetContext } from './policy.js'
import { completeRegistration, renewDocument, startRegistration } from './registration.js'
import type { CabinetState } from './state.js'

/** Sends each cabinet command to the rules of its meaning: registration, contacts or password. */
export const decideCabinet = (
  command: CabinetCommand,
  state: CabinetState,
  context: CabinetContext,
): E.Either<DomainError, readonly CabinetEvent[]> => {
  switch (command.type) {
    case 'StartRegistration':
      return startRegistration(command, state, context)
    case 'SetContacts':
      return setContacts(command, state, context)
    case 'ConfirmPhone':
      return confirmPhone(command, state, context)
    case 'ResendPhoneCode':
      return resendPhoneCode(command, state, context)
    case 'CompleteRegistration':
      return completeRegistration(command, state, context)
    case 'RenewDocument':
      return renewDocument(command, state, context)
    case 'ChangeContacts':
      return changeContacts(command, state, context)
    case 'ChangePassword':
      return changePassword(command, state, context)
    case 'RequestPasswordRecovery':
      return requestPasswordRecovery(command, state, context)
    case 'CompletePasswordRecovery':
      return completePasswordRecovery(command, state, context)
  }
}
