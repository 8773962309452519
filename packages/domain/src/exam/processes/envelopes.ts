import type { ToWallet } from '../../wallet/commands.js'
import type { SessionCommand } from '../session/commands.js'
import type { ExamCommand } from '../sitting/commands.js'

/**
 * A command a process wants delivered, as for transfers: `streamId` is the
 * aggregate id (the adapter names the stream: `exam-<id>`,
 * `examsession-<id>`), `commandId` is derived from the trigger so a
 * redelivered trigger produces the very same command.
 */
export type ToExam = {
  readonly to: 'exam'
  readonly streamId: string
  readonly commandId: string
  readonly command: ExamCommand
}

export type ToSession = {
  readonly to: 'session'
  readonly streamId: string
  readonly commandId: string
  readonly command: SessionCommand
}

export type ExamProcessCommand = ToExam | ToSession | ToWallet

export const toExam = (commandId: string, command: ExamCommand): ToExam => ({
  to: 'exam',
  streamId: command.examId,
  commandId,
  command,
})

export const toSession = (commandId: string, sessionId: string, command: SessionCommand): ToSession => ({
  to: 'session',
  streamId: sessionId,
  commandId,
  command,
})
