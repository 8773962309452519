export * from './mapping.js'
export * from './store.js'
