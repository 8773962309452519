import type { Decider } from '../kernel/decider.js'
import type { CabinetCommand } from './commands.js'
import { changeContacts, confirmPhone, resendPhoneCode, setContacts } from './contacts.js'
import type { CabinetEvent } from './events.js'
import { changePassword, completePasswordRecovery, requestPasswordRecovery } from './password.js'
import type { CabinetContext } from './policy.js'
import { completeRegistration, renewDocument, startRegistration } from './registration.js'
import { type CabinetState, evolveCabinet, NO_CABINET } from './state.js'

/**
 * The Cabinet aggregate (CAB-1…CAB-10). One stream per cabinet, keyed by the
 * cabinet id. One person, one cabinet (CAB-3) and unique numbers (CAB-7) span
 * streams: see fin-reservation.ts and number-allocator.ts.
 */
export const cabinetDecider: Decider<CabinetCommand, CabinetEvent, CabinetState, CabinetContext> = {
  initialState: NO_CABINET,
  decide: (command, state, context) => {
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
  },
  evolve: evolveCabinet,
}
