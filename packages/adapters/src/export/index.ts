export * from './ndjson.js'
export * from './read.js'
export * from './write.js'
