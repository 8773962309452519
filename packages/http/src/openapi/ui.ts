import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

/**
 * `/docs`: Swagger UI (`swagger-ui-dist`) over `/openapi.json`, served from
 * this package — no CDN, since the servers this runs on may reach none, and
 * no inline script, so a Content-Security-Policy of `script-src 'self'` holds.
 * Try-it-out sends the bearer token or the `X-Api-Key` of the security
 * scheme an operation names (Authorize button); descriptions are Markdown.
 */
export const DOCS_ASSETS = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
} as const
export type DocsAsset = keyof typeof DOCS_ASSETS

const distDir = (): string => dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'))

const cache = new Map<DocsAsset, Promise<Buffer>>()

/** One of Swagger UI's files, read once from the installed package. */
export const docsAsset = (name: DocsAsset): Promise<Buffer> => {
  let file = cache.get(name)
  if (file === undefined) {
    file = readFile(join(distDir(), name))
    // A failed read (package missing) is not cached, so a fixed install is picked up.
    file.catch(() => cache.delete(name))
    cache.set(name, file)
  }
  return file
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

export const docsPage = (title: string): string => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(title)}</title>
<link rel="stylesheet" href="/docs/swagger-ui.css">
</head><body>
<noscript><p>This page needs JavaScript; the API description itself is at <a href="/openapi.json">/openapi.json</a>.</p></noscript>
<div id="swagger-ui"></div>
<script src="/docs/swagger-ui-bundle.js"></script>
<script src="/docs/init.js"></script>
</body></html>
`

/**
 * Started from its own file, not inline. `validatorUrl: null`: Swagger UI
 * would otherwise send the document to an outside validator for its badge.
 */
export const docsInit = `window.ui = SwaggerUIBundle({
  url: '/openapi.json',
  dom_id: '#swagger-ui',
  deepLinking: true,
  validatorUrl: null,
  displayRequestDuration: true,
  tryItOutEnabled: true,
  persistAuthorization: false,
})
`
