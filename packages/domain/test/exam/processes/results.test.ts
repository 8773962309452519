import { describe, expect, it } from 'vitest'
import {
  examDecider,
  foldSittingResults,
  publishedResults,
  type SessionCommand,
  type SessionEvent,
} from '../../../src/index.js'
import {
  answer,
  BB_CLOSED,
  decided,
  EXAM,
  examHistory,
  fromStart,
  play,
  SESSION,
  seated,
} from '../session/fixtures.js'

const AFTER = fromStart(60 * 24)

describe('Results projection (APL-1, APL-6, SCO-6)', () => {
  const finished = (): SessionEvent[] =>
    play(
      [
        [answer(BB_CLOSED('logic', 1), 'A'), fromStart(10)],
        [{ type: 'FinishSession', sessionId: SESSION }, fromStart(60)],
      ],
      seated(),
    )

  it('APL-1: the results list shows session, subgroup, score, passed and annulled — only from the publication instant', () => {
    const exam = examHistory()
    const published = [
      ...exam,
      ...decided(
        examDecider,
        exam,
        { type: 'PublishResults', examId: EXAM, publishAt: AFTER, publishedBy: 'board-1' },
        { now: fromStart(300) },
      ),
    ]
    const view = foldSittingResults([...published, ...finished()])
    expect(publishedResults(view, fromStart(600))).toEqual([])
    const [row] = publishedResults(view, AFTER)
    expect(row).toMatchObject({
      sessionId: SESSION,
      subgroup: 'BB2',
      final: {
        score: 1,
        passed: false,
        annulled: false,
        revisions: [],
        answers: { [BB_CLOSED('logic', 1)]: 'A' },
      },
    })
  })

  it('SCO-6/EXM-22: an annulment shows as annulled and not passed; a court reversal restores it', () => {
    const annul: SessionCommand = {
      type: 'AnnulResult',
      sessionId: SESSION,
      decisionId: 'd-1',
      grounds: 'impersonation',
      counterpartSessionIds: [],
      decidedBy: 'board-1',
      decidedAt: AFTER,
      reason: 'Another person sat',
      evidenceRef: 'video',
    }
    const annulled = play([[annul, AFTER]], finished())
    expect(foldSittingResults([...examHistory(), ...annulled]).rows.size).toBe(1)
    const [row] = publishedResults(
      { ...foldSittingResults([...examHistory(), ...annulled]), publishedAt: AFTER },
      AFTER,
    )
    expect(row?.final).toMatchObject({ annulled: true, passed: false })
  })
})
