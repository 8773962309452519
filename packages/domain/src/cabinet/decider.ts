import type { Decider } from '../kernel/decider.js'
import type { CabinetCommand } from './commands.js'
import { decideCabinet } from './decide.js'
import type { CabinetEvent } from './events.js'
import type { CabinetContext } from './policy.js'
import { type CabinetState, evolveCabinet, NO_CABINET } from './state.js'

/**
 * The Cabinet aggregate (CAB-1…CAB-10). One stream per cabinet, keyed by the
 * cabinet id. One person, one cabinet (CAB-3) and unique numbers (CAB-7) span
 * streams: see fin-reservation.ts and number-allocator.ts.
 */
export const cabinetDecider: Decider<CabinetCommand, CabinetEvent, CabinetState, CabinetContext> = {
  initialState: NO_CABINET,
  decide: decideCabinet,
  evolve: evolveCabinet,
}
