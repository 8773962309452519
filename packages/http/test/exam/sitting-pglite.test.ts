import { describe } from 'vitest'
import { sittingOverHttp } from './sitting-over-http.js'

describe('a sitting from definition to published results over HTTP (PGlite)', () => sittingOverHttp('pglite'))
