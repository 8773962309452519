import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import type { ChainHead } from '../../src/audit/check.js'
import { headsDigest } from '../../src/audit/report.js'
import { isFinding, parseExportLine } from '../../src/export/ndjson.js'
import {
  canonicalEnvelope,
  canonicalJson,
  hashEvent,
  sha256Hex,
  verifyChain,
} from '../../src/store/hash-chain.js'
import type { RecordedEvent } from '../../src/store/port.js'

/**
 * docs/auditors.md §5.4 gives an auditor one real export, its canonical
 * bytes, hashes and digest. This test reads those blocks from the page and
 * recomputes each with the product's own code, so the recipe an outsider
 * follows cannot drift from what the product hashes.
 */
const root = (path: string) => fileURLToPath(new URL(`../../../../${path}`, import.meta.url))
const page = readFileSync(root('docs/auditors.md'), 'utf8')

/** The fenced blocks of the page tagged ```<lang> <tag>, in order. */
const blocks = (tag: string): string[] =>
  [...page.matchAll(/```\w+ ([\w-]+)\n([\s\S]*?)```/g)]
    .filter((match) => match[1] === tag)
    .map((match) => match[2]!.replace(/\n$/, ''))

const exportText = blocks('export')[0]!
const events = exportText.split('\n').map((line, index) => {
  const parsed = parseExportLine(line, index + 1)
  if (isFinding(parsed)) throw new Error(parsed.message)
  return parsed
})

/** The hashed object of the recipe (§5.1): the line's members, the context fields at top level. */
const hashedObject = (event: RecordedEvent) => {
  const { recordedAt, previousHash, principal, correlationId, causationId } = event.metadata
  return {
    streamId: event.streamId,
    revision: event.revision.toString(),
    id: event.id,
    type: event.type,
    data: event.data,
    recordedAt,
    previousHash,
    ...(principal === undefined ? {} : { principal }),
    ...(correlationId === undefined ? {} : { correlationId }),
    ...(causationId === undefined ? {} : { causationId }),
  }
}

describe('docs/auditors.md: the worked example is what the product computes', () => {
  it('the example has two events of one stream, a canonical form and a hash for each, and a digest', () => {
    expect(events).toHaveLength(2)
    expect(blocks('canonical')).toHaveLength(2)
    expect(blocks('hash')).toHaveLength(2)
    expect(blocks('digest-input')).toHaveLength(1)
    expect(blocks('digest')).toHaveLength(1)
  })

  it('each event’s canonical bytes, as the page prints them, are what the store hashes (no `context` member)', () => {
    for (const [index, event] of events.entries()) {
      const { hash: _, ...metadata } = event.metadata
      const printed = blocks('canonical')[index]!
      expect(canonicalEnvelope({ ...metadata, ...event }, canonicalJson(event.data))).toBe(printed)
      expect(canonicalJson(hashedObject(event))).toBe(printed)
      expect(printed).not.toContain('"context"')
    }
  })

  it('each printed hash is the SHA-256 of those bytes, equals the recorded one, and the two events chain', () => {
    for (const [index, event] of events.entries()) {
      const printed = blocks('hash')[index]!
      expect(sha256Hex(blocks('canonical')[index]!)).toBe(printed)
      expect(hashEvent({ ...event.metadata, ...event })).toBe(printed)
      expect(event.metadata.hash).toBe(printed)
    }
    expect(events[1]!.metadata.previousHash).toBe(events[0]!.metadata.hash)
    expect(verifyChain(events)).toEqual([])
  })

  it('the digest input and digest are what `imtahan export` and `imtahan audit` report for that file', () => {
    const heads = new Map<string, ChainHead>()
    for (const event of events)
      heads.set(event.streamId, { revision: event.revision, hash: event.metadata.hash })
    const [input] = blocks('digest-input')
    expect(sha256Hex(`${input}\n`)).toBe(blocks('digest')[0])
    expect(headsDigest(heads)).toBe(blocks('digest')[0])
  })

  it.skipIf(spawnSync('python3', ['--version']).status !== 0)(
    'verify_export.py, written from the page, gets the same hashes and digest from the example',
    () => {
      const dir = mkdtempSync(join(tmpdir(), 'imtahan-doc-'))
      try {
        const path = join(dir, 'example.ndjson')
        writeFileSync(path, `${exportText}\n`)
        const run = spawnSync('python3', [root('docs/auditors/verify_export.py'), path, '--json'], {
          encoding: 'utf8',
        })
        const report = JSON.parse(run.stdout) as { digest: string; findings: { check: string }[] }
        expect(report.digest).toBe(blocks('digest')[0])
        expect(report.findings.filter((finding) => finding.check === 'hash-chain')).toEqual([])
      } finally {
        rmSync(dir, { recursive: true, force: true })
      }
    },
  )
})
