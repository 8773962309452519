import { describe } from 'vitest'
import { appealsOverHttp } from './appeals-over-http.js'

describe('appeals end to end over HTTP (PGlite)', () => appealsOverHttp('pglite'))
