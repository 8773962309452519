/** The domain's read models: pure folds from events to views, each tested without a database. */
export * from './account-statement.js'
export * from './candidate-record/index.js'
export * from './money-invariants.js'
export * from './unclaimed-payments.js'
