import type { ExamEvent } from '../sitting/events.js'
import { type ToSession, toSession } from './envelopes.js'

/**
 * EXM-21: one board decision reaches every session it names (both of a
 * copying pair), each with the other as counterpart. Command ids are
 * `annulment:<decisionId>:<sessionId>`; a session answers a decision once.
 */
export const annulmentProcess = (event: ExamEvent): readonly ToSession[] =>
  event.type === 'AnnulmentDecided'
    ? event.sessionIds.map((sessionId) =>
        toSession(`annulment:${event.decisionId}:${sessionId}`, sessionId, {
          type: 'AnnulResult',
          sessionId,
          decisionId: event.decisionId,
          grounds: event.grounds,
          counterpartSessionIds: event.sessionIds.filter((other) => other !== sessionId),
          decidedBy: event.decidedBy,
          decidedAt: event.decidedAt,
          reason: event.reason,
          evidenceRef: event.evidenceRef,
        }),
      )
    : []
