import { type CabinetEvent, walletOpeningProcess } from '@imtahan/domain'
import type { ProcessDefinition } from '../shared/process-registry.js'

/** WAL-1: a completed cabinet gets its account. */
export const walletOpening: ProcessDefinition = {
  name: 'wallet opening',
  triggers: new Set(['CabinetCompleted']),
  stepsFor: (event) => walletOpeningProcess(event as CabinetEvent),
}
