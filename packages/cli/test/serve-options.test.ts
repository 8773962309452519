import { describe, expect, it } from 'vitest'
import { DEV_PROVIDER_KEY, parseServeOptions, type ServeOptions, UsageError } from '../src/serve/options.js'

const parse = (args: string[], env: NodeJS.ProcessEnv = {}) => parseServeOptions(args, env) as ServeOptions

describe('imtahan serve options', () => {
  it('defaults to PGlite in ./data on 127.0.0.1:3000 in dev mode', () => {
    expect(parse([])).toMatchObject({
      store: 'pglite',
      dataDir: './data',
      host: '127.0.0.1',
      port: 3000,
      logLevel: 'info',
      dev: true,
      apiKeys: {},
    })
  })

  it('takes API keys per role from repeated --api-key and from IMTAHAN_API_KEY_<ROLE>', () => {
    const options = parse(
      ['--api-key', 'board=board-key-0123456789', '--api-key', 'payment_provider=provider-key-0123456789'],
      { IMTAHAN_API_KEY_AUDITOR: 'auditor-key-0123456789, auditor-key-9876543210' },
    )
    expect(options.apiKeys).toEqual({
      board: ['board-key-0123456789'],
      payment_provider: ['provider-key-0123456789'],
      auditor: ['auditor-key-0123456789', 'auditor-key-9876543210'],
    })
  })

  it('refuses an unknown role, a short key and a pair without "="', () => {
    expect(() => parse(['--api-key', 'janitor=0123456789abcdef'])).toThrow(UsageError)
    expect(() => parse(['--api-key', 'board=short'])).toThrow(/at least 16/)
    expect(() => parse(['--api-key', 'board'])).toThrow(/<role>=<key>/)
  })

  it('the command line wins over the environment', () => {
    const options = parse(['--port', '4000', '--store', 'memory'], { PORT: '5000', IMTAHAN_STORE: 'pglite' })
    expect(options).toMatchObject({ port: 4000, store: 'memory' })
  })

  it('refuses a store without its connection string, a bad port, an unknown option', () => {
    expect(() => parse(['--store', 'postgres'])).toThrow(/DATABASE_URL/)
    expect(() => parse(['--store', 'eventstoredb'])).toThrow(/EVENTSTORE_CONNECTION_STRING/)
    expect(() => parse(['--store', 'mysql'])).toThrow(UsageError)
    expect(() => parse(['--port', 'eighty'])).toThrow(/--port/)
    expect(() => parse(['--frobnicate'])).toThrow()
    expect(parse(['--store', 'postgres'], { DATABASE_URL: 'postgres://x@h/db' }).databaseUrl).toBe(
      'postgres://x@h/db',
    )
  })

  it('--no-dev turns dev mode off; --help asks for the help text', () => {
    expect(parse(['--no-dev']).dev).toBe(false)
    expect(parseServeOptions(['--help'], {})).toBe('help')
    expect(DEV_PROVIDER_KEY.length).toBeGreaterThanOrEqual(16)
  })
})

describe('security: CORS and proxies are opt-in', () => {
  it('CORS: --cors-origin is repeatable, none by default, and refuses what is not an origin; --trust-proxy likewise', () => {
    const none = parseServeOptions([], {})
    if (none === 'help') throw new Error('help')
    expect(none.corsOrigins).toEqual([])
    expect(none.trustedProxies).toEqual([])
    const some = parseServeOptions(
      [
        '--cors-origin',
        'https://portal.example.az',
        '--cors-origin',
        'http://localhost:5173',
        '--trust-proxy',
        '10.0.0.5',
      ],
      {},
    )
    if (some === 'help') throw new Error('help')
    expect(some.corsOrigins).toEqual(['https://portal.example.az', 'http://localhost:5173'])
    expect(some.trustedProxies).toEqual(['10.0.0.5'])
    const fromEnv = parseServeOptions([], {
      IMTAHAN_CORS_ORIGIN: 'https://a.example.az,https://b.example.az',
    })
    if (fromEnv === 'help') throw new Error('help')
    expect(fromEnv.corsOrigins).toEqual(['https://a.example.az', 'https://b.example.az'])
    for (const bad of ['*', 'https://portal.example.az/path', 'portal.example.az', 'null'])
      expect(() => parseServeOptions(['--cors-origin', bad], {})).toThrow(/--cors-origin/)
  })
})
