export * from './memory.js'
export * from './port.js'
export * from './sql.js'
export * from './sql-database.js'
