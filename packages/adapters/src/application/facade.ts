import { MalformedEventError } from '../command/codec.js'
import { createMemoryCheckpointStore } from '../runner/checkpoints.js'
import type { Subscription } from '../store/port.js'
import {
  accountStepRunners,
  accountUseCases,
  createUnclaimedPaymentsView,
  paymentTopUp,
  paymentUseCases,
  transferSettlement,
} from './account/index.js'
import { appealRescore, createAppeals } from './appeal/index.js'
import { cabinetUseCases, walletOpening } from './cabinet/index.js'
import { createExamEnv, createExams, examProcesses, examStepRunners } from './exam/index.js'
import type { Imtahan } from './imtahan.js'
import { createProcessRunner, failureOf } from './process-runner.js'
import type { ImtahanDeps } from './shared/deps.js'
import { createEnv } from './shared/env.js'
import { createProcessRegistry } from './shared/process-registry.js'
import { serialised } from './shared/serialised.js'

/**
 * The application: every use case over one event store. Cross-stream
 * processes (cabinet completed → open wallet, payment credited → top-up, the
 * transfer's steps, the exam fee, annulments, re-scores, appeals) are in one
 * registry: a use case follows its command's events through at once, and the
 * one process runner does the same from the global log (`settle()` once,
 * `start()` live), with the same derived command ids, so a crash between two
 * steps is healed and nothing is done twice.
 */
export const createImtahan = (deps: ImtahanDeps): Imtahan => {
  const env = createEnv(deps)
  const exam = createExamEnv(env, deps.exam?.blueprint)
  const registry = createProcessRegistry(
    [walletOpening, paymentTopUp, transferSettlement, ...examProcesses, appealRescore],
    { ...accountStepRunners(env), ...examStepRunners(exam) },
    env.logger,
  )
  const exams = createExams(exam, registry, deps.exam?.deadlineTickMs)
  const appeals = createAppeals(env, (step) => registry.runStep(step, { answers: false }), {
    ...deps.appeals,
    ...(deps.exam?.blueprint === undefined ? {} : { blueprint: deps.exam.blueprint }),
    ...(deps.calendar === undefined ? {} : { calendar: deps.calendar }),
  })
  const processes = createProcessRunner(
    deps.store,
    registry,
    deps.checkpoints ?? createMemoryCheckpointStore(),
  )
  const unclaimed = createUnclaimedPaymentsView(deps.store)
  const exclusive = serialised()
  let running: Subscription[] = []

  const settle = () =>
    exclusive(async () => {
      await processes.settle()
      await unclaimed.catchUp()
      await exams.catchUp()
      await appeals.catchUp()
    })

  const onError = (what: string) => (error: unknown) =>
    deps.logger?.error(
      failureOf(error),
      error instanceof MalformedEventError
        ? `${what} stopped: an event in the log does not decode; run npx imtahan audit (docs/auditors.md)`
        : `${what} stopped`,
    )

  return {
    cabinets: cabinetUseCases(env, registry),
    accounts: accountUseCases(env, unclaimed, registry),
    payments: paymentUseCases(env),
    exams: exams.useCases,
    appeals: appeals.useCases,
    settle,
    start: async () => {
      if (running.length > 0) return
      running = [
        await processes.follow(onError('process runner')),
        await unclaimed.follow(onError('unclaimed payments view')),
      ]
      await exams.start(onError('exam results view'))
      await appeals.start(onError('appeals view'))
    },
    stop: async () => {
      const stopping = running
      running = []
      await Promise.all([
        ...stopping.map((subscription) => subscription.stop()),
        exams.stop(),
        appeals.stop(),
      ])
    },
  }
}
