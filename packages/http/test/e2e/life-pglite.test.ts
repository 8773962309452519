import { describe } from 'vitest'
import { lifeOfTwoCabinets } from './life-of-two-cabinets.js'

describe('the life of two cabinets over HTTP (PGlite)', () => lifeOfTwoCabinets('pglite'))
