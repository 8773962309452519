export * from './memory.js'
export * from './port.js'
export * from './sql.js'
