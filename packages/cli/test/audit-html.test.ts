import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runAuditCommand } from '../src/commands/audit.js'

/** An export from before ExamDefined v2 (adapters/test/audit/exam-defined-v1.test.ts). */
const FIXTURE = new URL('../../adapters/test/audit/fixtures/exam-defined-v1.ndjson', import.meta.url).pathname
/** Subgroups of the fixture's four sessions; BB3's only result is annulled. */
const SUBGROUPS = ['AA2', 'AC2', 'AC3', 'BB3']
const WITH_RESULTS = ['AA2', 'AC2', 'AC3']

const CHROMIUM = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find(
  (path) => path !== undefined && existsSync(path),
)

const dir = mkdtempSync(join(tmpdir(), 'imtahan-audit-html-'))
const page = join(dir, 'report.html')

const run = async (args: string[]) => {
  let stdout = ''
  let stderr = ''
  const code = await runAuditCommand(args, {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text), isTTY: false },
    env: {},
  })
  return { code, stdout, stderr }
}

describe('imtahan audit --html: a self-contained report to sign', () => {
  let html = ''
  beforeAll(async () => {
    const { code, stdout } = await run(['--from-file', FIXTURE, '--html', page, '--quiet'])
    expect(code).toBe(0)
    expect(stdout).toMatch(/verdict: PASSED/)
    html = readFileSync(page, 'utf8')
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('needs nothing outside the file: no script, no link, no remote URL', () => {
    expect(html).not.toMatch(/<script|<link|<img|<iframe|@import|url\(/i)
    expect(html).not.toMatch(/(src|href)\s*=/i)
    expect(html).not.toMatch(/https?:\/\//i)
  })

  it('states the verdict, the digest, the money reconciliation and every revision (APL-6)', () => {
    expect(html).toContain('PASSED — every check holds')
    expect(html).toContain('ceee336e27e194a3023ae11aa3c49e97f995ca6922632478ea19e26a1a016a45')
    expect(html).toContain('Money reconciliation')
    // Two re-scores after the expert review (74 → 75 and 69 → 70, both FAIL → PASS) and one annulment.
    expect(html.match(/expert review \(SCO-5\)/g)).toHaveLength(2)
    expect(html).toMatch(/74 <span class="fail">FAIL<\/span><\/td><td class="num">75 <span class="pass">PASS/)
    expect(html).toMatch(/69 <span class="fail">FAIL<\/span><\/td><td class="num">70 <span class="pass">PASS/)
    expect(html.match(/annulment \(EXM-20\/21\)/g)).toHaveLength(1)
  })

  it('refuses an --html path in a folder that does not exist (exit 2), before reading anything', async () => {
    const { code, stderr } = await run([
      '--from-file',
      FIXTURE,
      '--html',
      join(dir, 'nope', 'r.html'),
      '--quiet',
    ])
    expect(code).toBe(2)
    expect(stderr).toMatch(/no such folder for --html/)
  })

  describe.skipIf(CHROMIUM === undefined)('in headless Chromium', () => {
    it('SCO-4: draws a histogram per subgroup with bars and its pass-mark line, offline', async () => {
      const { chromium } = await import('playwright-core')
      const profile = mkdtempSync(join(tmpdir(), 'imtahan-chromium-'))
      const context = await chromium.launchPersistentContext(profile, {
        executablePath: CHROMIUM!,
        headless: true,
        args: [
          '--no-sandbox',
          '--disable-gpu',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          '--no-first-run',
        ],
      })
      try {
        const tab = await context.newPage()
        const requested: string[] = []
        tab.on('request', (request) => requested.push(request.url()))
        await tab.goto(pathToFileURL(page).href)
        expect(requested.filter((url) => !url.startsWith('file:'))).toEqual([])

        const charts = tab.locator('svg.histogram')
        expect(
          await charts.evaluateAll((svgs) => svgs.map((svg) => svg.getAttribute('data-subgroup'))),
        ).toEqual(SUBGROUPS)
        for (const subgroup of SUBGROUPS) {
          const chart = tab.locator(`svg.histogram[data-subgroup="${subgroup}"]`)
          const box = await chart.boundingBox()
          expect(box?.width, subgroup).toBeGreaterThan(100)
          expect(box?.height, subgroup).toBeGreaterThan(50)
          const mark = await chart.locator('line.pass-mark').boundingBox()
          expect(mark?.height, `${subgroup} pass-mark line`).toBeGreaterThan(20)
          const bars = await chart.locator('rect.bar').evaluateAll((rects) =>
            rects.map((rect) => {
              const { width, height } = rect.getBoundingClientRect()
              return { width, height }
            }),
          )
          if (WITH_RESULTS.includes(subgroup)) {
            expect(bars.length, `${subgroup} bars`).toBeGreaterThan(0)
            for (const bar of bars) expect(bar.width * bar.height, `${subgroup} bar area`).toBeGreaterThan(0)
          } else expect(bars, `${subgroup}: its only result is annulled`).toEqual([])
        }
        // The AC3 result (70) sits at its pass mark (70): its bar starts on the line and is drawn as passing.
        const ac3 = tab.locator('svg.histogram[data-subgroup="AC3"]')
        const line = (await ac3.locator('line.pass-mark').boundingBox())!
        const bar = (await ac3.locator('rect.bar').first().boundingBox())!
        expect(Math.abs(bar.x - line.x)).toBeLessThan(3)
        expect(await ac3.locator('rect.bar.pass').count()).toBe(1)
        if (process.env.AUDIT_HTML_SCREENSHOT !== undefined)
          await tab.screenshot({ path: process.env.AUDIT_HTML_SCREENSHOT, fullPage: true })
      } finally {
        await context.close()
        rmSync(profile, { recursive: true, force: true })
      }
    })
  })
})
