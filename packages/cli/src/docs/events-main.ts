#!/usr/bin/env node
import { resolve } from 'node:path'
import { writeEventSchemas } from './event-schemas.js'

/** `npm run docs:events`: regenerates docs/events/<EventType>.json from the codecs. */
const dir = resolve(process.argv[2] ?? 'docs/events')
const count = await writeEventSchemas(dir)
process.stdout.write(`wrote ${count} event schemas to ${dir}\n`)
