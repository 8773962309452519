export * from './mapping.js'
export * from './read-all.js'
export * from './store.js'
