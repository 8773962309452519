import { DEFAULT_TIMING, Timing } from '@imtahan/domain'
import * as t from 'io-ts'
import { documented } from './codecs.js'

/** What each timing field means (RULES.md §3.3); its default is `DEFAULT_TIMING`'s. */
const MEANING: Record<keyof Timing, string> = {
  arrivalBeforeStartMinutes: 'EXM-11: minutes before the start by which candidates are at the venue.',
  familiarisationMinutes: 'EXM-14: minutes with the program and rules, ending at the start.',
  durationMinutes: 'EXM-15: minutes the exam lasts from the start.',
  earliestFinishMinutes: 'EXM-16: nobody finishes or leaves before this many minutes after the start.',
  registrationClosesBeforeStartMinutes:
    'EXM-10: registration closes this many minutes before the start (every slip exists before the day).',
}

/**
 * A sitting's `timing` as the board sends it: every field optional, each
 * documented with its meaning and its default. The fields share the
 * domain's `Minutes` codec, so each gets a documented copy (same decoding)
 * rather than one schema for all five.
 */
export const timingInput = t.partial(
  Object.fromEntries(
    Object.entries(Timing.props).map(([name, minutes]) => {
      const field = name as keyof Timing
      return [
        name,
        documented(minutes, {
          type: 'integer',
          minimum: field === 'durationMinutes' ? 1 : 0,
          maximum: 7 * 24 * 60,
          description: `${MEANING[field]} Left out: ${DEFAULT_TIMING[field]}.`,
          default: DEFAULT_TIMING[field],
        }),
      ]
    }),
  ) as typeof Timing.props,
  'TimingInput',
)
