import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { eventSchemaFiles } from '../src/docs/event-schemas.js'
import { demoExport } from './demo-export.js'

const DOCS = fileURLToPath(new URL('../../../docs/events/', import.meta.url))

type Line = { streamId: string; revision: string; type: string; data: Record<string, unknown> }

/** Every schema of docs/events/, compiled by a draft 2020-12 validator that knows nothing of io-ts. */
const compileCatalogue = (): ReadonlyMap<string, ValidateFunction> => {
  const ajv = new Ajv2020({ allErrors: true, strict: true, validateFormats: false })
  ajv.addKeyword('x-category')
  ajv.addKeyword('x-stream-prefix')
  const validators = new Map<string, ValidateFunction>()
  for (const name of readdirSync(DOCS).filter((file) => file.endsWith('.json')))
    validators.set(
      name.replace(/\.json$/, ''),
      ajv.compile(JSON.parse(readFileSync(join(DOCS, name), 'utf8'))),
    )
  return validators
}

describe('the event catalogue docs/events/ is generated from the codecs', () => {
  it('the committed schemas are exactly what `npm run docs:events` writes now (no drift)', () => {
    const expected = eventSchemaFiles()
    const onDisk = readdirSync(DOCS).filter((file) => file.endsWith('.json'))
    expect(onDisk.sort()).toEqual([...expected.keys()].sort())
    for (const [name, text] of expected) expect(readFileSync(join(DOCS, name), 'utf8'), name).toBe(text)
  })

  it('the README explains every event type of the catalogue', () => {
    const readme = readFileSync(join(DOCS, 'README.md'), 'utf8')
    const missing = [...eventSchemaFiles().keys()]
      .map((name) => name.replace(/\.json$/, ''))
      .filter((type) => !readme.includes(`\`${type}\``))
    expect(missing).toEqual([])
  })
})

describe('every event of a demo export is valid under its published schema (ajv, draft 2020-12)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'imtahan-catalogue-'))
  const path = join(dir, 'demo.ndjson')
  let lines: Line[] = []
  beforeAll(async () => {
    await demoExport(path)
    lines = readFileSync(path, 'utf8')
      .split('\n')
      .filter((text) => text !== '')
      .map((text) => JSON.parse(text) as Line)
  }, 120_000)
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('each event type has a schema and each event passes it', () => {
    const validators = compileCatalogue()
    const failures: string[] = []
    for (const line of lines) {
      const validate = validators.get(line.type)
      if (validate === undefined)
        failures.push(`${line.streamId}@${line.revision}: no schema for ${line.type}`)
      else if (!validate({ ...line.data, type: line.type }))
        failures.push(`${line.streamId}@${line.revision} ${line.type}: ${JSON.stringify(validate.errors)}`)
    }
    expect(failures).toEqual([])
    expect(new Set(lines.map((line) => line.type)).size).toBeGreaterThan(15)
  })

  it('a schema is not vacuous: a money amount with three decimals, or a missing field, is refused', () => {
    const validators = compileCatalogue()
    const topUp = lines.find((line) => line.type === 'TopUpCredited')!
    const validate = validators.get('TopUpCredited')!
    expect(validate({ ...topUp.data, type: topUp.type })).toBe(true)
    expect(validate({ ...topUp.data, type: topUp.type, amount: '12.505' })).toBe(false)
    const { balance: _, ...withoutBalance } = topUp.data
    expect(validate({ ...withoutBalance, type: topUp.type })).toBe(false)
  })
})

describe('ExamDefined.json accepts both stored versions of ExamDefined (ajv)', () => {
  const FIXTURE = fileURLToPath(
    new URL('../../adapters/test/audit/fixtures/exam-defined-v1.ndjson', import.meta.url),
  )
  const stored = readFileSync(FIXTURE, 'utf8')
    .split('\n')
    .filter((text) => text !== '')
    .map((text) => JSON.parse(text) as Line)

  it('every event of an export from before version 2 (the v1 fixture) passes its schema', () => {
    const validators = compileCatalogue()
    const failures = stored
      .filter((line) => !validators.get(line.type)?.({ ...line.data, type: line.type }))
      .map((line) => `${line.streamId}@${line.revision} ${line.type}`)
    expect(failures).toEqual([])
    expect(stored.find((line) => line.type === 'ExamDefined')?.data).not.toHaveProperty('version')
  })

  it('a version 2 without its blueprint, or a version 1 claiming "version": 1, is refused', () => {
    const validate = compileCatalogue().get('ExamDefined')!
    const v1 = { ...stored.find((line) => line.type === 'ExamDefined')!.data, type: 'ExamDefined' }
    expect(validate(v1)).toBe(true)
    expect(validate({ ...v1, version: 2, openAnswerNormalisation: 1 })).toBe(false)
    expect(validate({ ...v1, version: 1 })).toBe(false)
  })
})
