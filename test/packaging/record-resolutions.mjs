// Registered with `node --import`: records every module URL that gets resolved
// into the file named by IMTAHAN_RESOLVED, one per line, so a test can see
// exactly which packages an import loaded.
import { register } from 'node:module'

register(
  `data:text/javascript,${encodeURIComponent(`
import { appendFileSync } from 'node:fs'
export async function resolve(specifier, context, next) {
  const resolved = await next(specifier, context)
  appendFileSync(process.env.IMTAHAN_RESOLVED, resolved.url + '\\n')
  return resolved
}`)}`,
)
