export * from './openapi/json-schema.js'
export * from './problem.js'
