export * from './kernel/index.js'
export * from './values/index.js'
