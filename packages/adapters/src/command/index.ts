export * from './codec.js'
export * from './handle.js'
export * from './load.js'
export * from './state-cache.js'
