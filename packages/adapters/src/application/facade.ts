import { MalformedEventError } from '../command/codec.js'
import { randomId } from '../ids.js'
import { createMemoryCheckpointStore } from '../runner/checkpoints.js'
import { createLocalLeases } from '../runner/lease.js'
import { followProjectionsUnderLease } from '../views/follow.js'
import {
  accountStepRunners,
  accountUseCases,
  createUnclaimedPaymentsView,
  paymentTopUp,
  paymentUseCases,
  transferSettlement,
  unclaimedPaymentsDefinition,
} from './account/index.js'
import { appealRescore, appealsDefinition, createAppeals, lazyShippedCalendar } from './appeal/index.js'
import { cabinetUseCases, servicesUsedDefinition, walletOpening } from './cabinet/index.js'
import {
  createExamEnv,
  createExams,
  examProcesses,
  examStepRunners,
  sittingResultsDefinition,
} from './exam/index.js'
import type { Imtahan } from './imtahan.js'
import { createProcessRunner, failureOf, PROCESS_RUNNER_NAME } from './process-runner.js'
import { createCacheFollower } from './shared/cache-follower.js'
import type { ImtahanDeps } from './shared/deps.js'
import { createEnv } from './shared/env.js'
import { runUnderLease } from './shared/leased.js'
import { createProcessRegistry } from './shared/process-registry.js'
import { serialised } from './shared/serialised.js'
import { createViews } from './shared/views.js'

/** The read models, in the order `settle()` and the projection runner catch them up. */
export const VIEW_DEFINITIONS = [
  unclaimedPaymentsDefinition,
  sittingResultsDefinition,
  appealsDefinition,
  servicesUsedDefinition,
]

/** The leases `start()` runs under: one holder of each among every process on the database. */
export const LEASES = {
  projections: 'imtahan.projections',
  processes: PROCESS_RUNNER_NAME,
  deadlines: 'imtahan.deadlines',
} as const

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
  const views = createViews(deps.store, VIEW_DEFINITIONS, deps.readModels)
  // Commands write through the follower's store, so it knows where to start following (start()).
  const follower = createCacheFollower(deps.store, {
    onError: (error) =>
      deps.logger?.warn(failureOf(error), 'cache follower: reading the log failed, trying again'),
  })
  const env = createEnv({ ...deps, store: follower.store }, views)
  // One set of leases for `start()`'s runners and the re-scores, made now so both share it.
  const leases = deps.leases ?? createLocalLeases(`imtahan-${randomId()}`)
  const exam = createExamEnv(env, {
    blueprint: deps.exam?.blueprint,
    rescoreChunkSize: deps.exam?.rescoreChunkSize,
    leases,
  })
  const registry = createProcessRegistry(
    [walletOpening, paymentTopUp, transferSettlement, ...examProcesses, appealRescore],
    { ...accountStepRunners(env), ...examStepRunners(exam) },
    env.logger,
  )
  // Publication (CAL-3) checks with the calendar the appeals (APL-2) count with: the one passed in, or the shipped files.
  const given = deps.calendar
  const calendar = given === undefined ? lazyShippedCalendar() : async () => given
  const businessDays = deps.appeals?.businessDays
  const exams = createExams(exam, registry, deps.exam?.deadlineTickMs, async () => ({
    calendar: await calendar(),
    ...(businessDays === undefined ? {} : { businessDays }),
  }))
  const appeals = createAppeals(env, (step) => registry.runStep(step, { answers: false }), {
    ...deps.appeals,
    ...(deps.exam?.blueprint === undefined ? {} : { blueprint: deps.exam.blueprint }),
    ...(given === undefined ? {} : { calendar: given }),
  })
  const processes = createProcessRunner(
    deps.store,
    registry,
    deps.checkpoints ?? createMemoryCheckpointStore(),
  )
  const unclaimed = createUnclaimedPaymentsView(views)
  const exclusive = serialised()
  let running: { readonly stop: AbortController; readonly tasks: readonly Promise<void>[] } | undefined

  const settle = () =>
    exclusive(async () => {
      await processes.settle()
      await views.catchUpAll()
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
    policy: env.policy,
    settle,
    start: async () => {
      if (running !== undefined) return
      const stop = new AbortController()
      const signal = stop.signal
      const tasks = [
        followProjectionsUnderLease({ catchUp: views.catchUpAll }, leases, LEASES.projections, {
          signal,
          onError: onError('projection runner'),
        }),
        runUnderLease(leases, LEASES.processes, () => processes.follow(onError('process runner')), {
          signal,
          onError: onError('process runner'),
        }),
        runUnderLease(leases, LEASES.deadlines, exams.startScheduler, {
          signal,
          onError: onError('deadline scheduler'),
        }),
        // Every process, no lease: each keeps its own caches in step with the others' writes.
        ...(deps.otherWriters === true ? [follower.run([exam.sittings, exam.sessions], signal)] : []),
      ]
      running = { stop, tasks }
    },
    stop: async () => {
      const stopping = running
      running = undefined
      stopping?.stop.abort()
      await Promise.all(stopping?.tasks ?? [])
    },
  }
}
