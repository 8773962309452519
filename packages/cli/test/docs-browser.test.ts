import { existsSync } from 'node:fs'
import { type Browser, chromium, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseServeOptions, type ServeOptions } from '../src/serve/options.js'
import { type RunningServer, startServer } from '../src/serve/server.js'

/**
 * /docs in a real browser (Debian's Chromium, driven by playwright-core)
 * against a real in-process server: a person signs in through Swagger UI's
 * try-it-out, authorizes with the token and reads their cabinet. Skipped only
 * when there is no Chromium on the machine (`.ci/run` installs it).
 */
const CHROMIUM = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find(
  (path): path is string => path !== undefined && path !== '' && existsSync(path),
)
const SCREENSHOT = process.env.IMTAHAN_DOCS_SCREENSHOT

const rashad = {
  document: { series: 'AZE', number: '12345678' },
  fin: '5ZK7P2Q',
  phone: '+994501234567',
  password: 'Kitab2026yay',
}

const call = async (url: string, method: string, body?: unknown, token?: string) => {
  const response = await fetch(url, {
    method,
    headers: {
      'content-type': 'application/json',
      ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  })
  const json = (await response.json()) as Record<string, string>
  if (!response.ok) throw new Error(`${method} ${url}: ${response.status} ${JSON.stringify(json)}`)
  return json
}

/** CAB-1…CAB-7 through the API, reading the code from the dev SMS route. */
const registerRashad = async (url: string) => {
  const { registrationToken: token } = await call(`${url}/registration`, 'POST', {
    document: rashad.document,
    fin: rashad.fin,
  })
  await call(`${url}/registration/contacts`, 'PUT', { phone: rashad.phone }, token)
  const sms = await call(`${url}/dev/sms?phone=${encodeURIComponent(rashad.phone)}`, 'GET')
  const code = /\b(\d{6})\b/.exec(sms.text ?? '')?.[1]
  await call(`${url}/registration/phone-confirmation`, 'POST', { code }, token)
  await call(`${url}/registration/password`, 'POST', { password: rashad.password }, token)
}

/** Opens /docs at an operation's deep link, so it is expanded and in view. */
const openAt = async (page: Page, url: string, tag: string, operationId: string) => {
  await page.goto(`${url}/docs#/${tag}/${operationId}`)
  const block = page.locator(`#operations-${tag}-${operationId}`)
  await block.locator('.opblock-body').waitFor()
  return block
}

describe.skipIf(CHROMIUM === undefined)(
  '/docs in Chromium: sign in and read the cabinet through try-it-out',
  () => {
    let server: RunningServer
    let browser: Browser
    const pageErrors: string[] = []
    const outsideRequests: string[] = []

    beforeAll(async () => {
      const options = parseServeOptions(['--store', 'memory', '--port', '0', '--log-level', 'silent'], {})
      server = await startServer(options as ServeOptions)
      await registerRashad(server.url)
      browser = await chromium.launch({
        executablePath: CHROMIUM as string,
        args: [
          '--no-sandbox',
          '--disable-gpu',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          '--no-first-run',
        ],
      })
    }, 120_000)

    afterAll(async () => {
      await browser?.close()
      await server?.stop()
    })

    it('POST /session in the UI, Authorize with the token, GET /cabinets/me answers 200', async () => {
      const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } })
      page.on('pageerror', (error) => pageErrors.push(error.message))
      page.on('request', (request) => {
        if (!request.url().startsWith(server.url)) outsideRequests.push(request.url())
      })

      // Playwright starts Chromium with a fresh profile in a temporary folder of its own.
      // Sign in: the example body is replaced with Rashad's login, then Execute.
      const signIn = await openAt(page, server.url, 'Session', 'signIn')
      await signIn
        .locator('textarea.body-param__text')
        .fill(JSON.stringify({ login: rashad.fin, password: rashad.password }))
      await signIn.locator('button.execute').click()
      const signInBody = signIn.locator(
        '.responses-wrapper .live-responses-table .response-col_description pre',
      )
      await signInBody.first().waitFor()
      const { token } = JSON.parse((await signInBody.first().innerText()).trim()) as { token: string }
      expect(token).toMatch(/\S{20,}/)

      // Authorize: the `session` bearer scheme of the document.
      await page.locator('.auth-wrapper button.authorize').click()
      const dialog = page.locator('.dialog-ux .modal-ux')
      const sessionScheme = dialog.locator('.auth-container', { hasText: 'session' }).first()
      await sessionScheme.locator('input').fill(token)
      await sessionScheme.locator('button.authorize').click()
      await sessionScheme.getByRole('heading', { name: 'Authorized' }).waitFor()
      await dialog.locator('button.close-modal').click()

      // The same page (a reload would forget the authorization): open the operation by its summary.
      const me = page.locator('#operations-Cabinet-getCabinet')
      await me.locator('.opblock-summary-control').click()
      await me.locator('.opblock-body').waitFor()
      await me.locator('button.execute').click()
      const status = me.locator('.live-responses-table .response .response-col_status').first()
      await status.waitFor()
      expect((await status.innerText()).trim()).toBe('200')
      const body = JSON.parse(
        (await me.locator('.live-responses-table .response-col_description pre').first().innerText()).trim(),
      ) as { documents: { current: { number: string } } }
      expect(body.documents.current.number).toBe(rashad.document.number)

      await status.scrollIntoViewIfNeeded()
      if (SCREENSHOT !== undefined) await page.screenshot({ path: SCREENSHOT, fullPage: false })
      expect(pageErrors).toEqual([])
      expect(outsideRequests).toEqual([])
    }, 120_000)
  },
)
