import * as t from 'io-ts'
import { Id } from '../../values/ids.js'
import { SubgroupCode } from '../model.js'
import { wholeNumber } from '../sitting/codecs.js'

/** The member every session event carries. */
export const sessionProps = { sessionId: Id }

const Count = wholeNumber('Count', 0, 1000)

export const Tally = t.type(
  { points: Count, max: Count, correct: Count, wrong: Count, unanswered: Count },
  'Tally',
)

/** SCO-3/SCO-4: the codec of the shared `ScoreResult`, so a result can be stored in events. */
export const ScoreResultCodec = t.type(
  {
    total: Tally,
    bySubject: t.type({ azerbaijani: Tally, legislation: Tally, informatics: Tally, logic: Tally }),
    byType: t.type({ open: Tally, closed: Tally }),
    subgroup: SubgroupCode,
    passMark: Count,
    passed: t.boolean,
  },
  'ScoreResult',
)
