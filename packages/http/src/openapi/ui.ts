/**
 * `/docs`: a small self-contained viewer of `/openapi.json` — no CDN, since
 * the servers this runs on may reach none. It lists every operation with its
 * authentication, parameters, request and response schemas, examples and the
 * problem codes it may answer with. Any OpenAPI 3.1 tool (Swagger UI, Scalar)
 * can read the same document.
 *
 * The style and the script are constants so their hashes can be named in
 * the Content-Security-Policy (middleware/security-headers.ts): the page
 * runs no other script and no inline attribute styles.
 */
export const DOCS_STYLE = `body{font:15px/1.45 system-ui,sans-serif;margin:0;color:#1d2430;background:#f6f7f9}
header{background:#12355b;color:#fff;padding:18px 28px}header h1{margin:0;font-size:22px}
header p{margin:6px 0 0;opacity:.85}main{max-width:1100px;margin:0 auto;padding:18px 28px}
h2{margin:28px 0 8px;border-bottom:2px solid #d6dbe3;padding-bottom:4px}
details{background:#fff;border:1px solid #d6dbe3;border-radius:6px;margin:8px 0}
summary{cursor:pointer;padding:10px 12px;display:flex;gap:10px;align-items:baseline}
.m{font:bold 12px monospace;color:#fff;border-radius:4px;padding:2px 8px;min-width:52px;text-align:center}
.get{background:#2f7d32}.post{background:#1f5fa8}.put{background:#a86a1f}.patch{background:#7a3fa8}
.delete{background:#b3261e}code,pre{font-family:ui-monospace,monospace;font-size:13px}
.path{font:600 14px ui-monospace,monospace}.body{padding:0 16px 12px}
pre{background:#f0f2f5;padding:10px;border-radius:4px;overflow:auto;max-height:360px}
.auth{font-size:12px;color:#7a4b00;background:#fff4dc;border-radius:4px;padding:1px 6px}
table{border-collapse:collapse}td{padding:2px 10px 2px 0;vertical-align:top}
header a.doc{color:#cfe3ff}
`

export const DOCS_SCRIPT = `const esc = (s) => String(s).replace(/[&<>"']/g, (c) => ({'&':'&amp;','<':'&lt;','>':'&gt;','"':'&quot;',"'":'&#39;'})[c])
const json = (v) => '<pre>' + esc(JSON.stringify(v, null, 2)) + '</pre>'
const schemes = { session: 'session token', registrationToken: 'registration token', providerKey: 'X-Api-Key' }
fetch('/openapi.json').then((r) => r.json()).then((doc) => {
  document.getElementById('desc').textContent = doc.info.description
  const byTag = {}
  for (const [path, ops] of Object.entries(doc.paths))
    for (const [method, op] of Object.entries(ops)) (byTag[op.tags[0]] ??= []).push({ path, method, op })
  let html = ''
  for (const [tag, list] of Object.entries(byTag)) {
    html += '<h2>' + esc(tag) + '</h2>'
    for (const { path, method, op } of list) {
      const auth = (op.security ?? []).flatMap((s) => Object.keys(s)).map((k) => schemes[k] ?? k)
      html += '<details><summary><span class="m ' + method + '">' + method.toUpperCase() + '</span>'
        + '<span class="path">' + esc(path) + '</span><span>' + esc(op.summary) + '</span>'
        + (auth.length ? ' <span class="auth">' + esc(auth.join(', ')) + '</span>' : '') + '</summary><div class="body">'
      if (op.description) html += '<p>' + esc(op.description) + '</p>'
      if (op.parameters) html += '<h4>Parameters</h4><table>' + op.parameters.map((p) =>
        '<tr><td><code>' + esc(p.name) + '</code></td><td>' + esc(p.in) + (p.required ? ', required' : '') + '</td><td>'
        + esc(p.description ?? '') + '</td></tr>').join('') + '</table>'
      const req = op.requestBody?.content['application/json']
      if (req) html += '<h4>Request body</h4>' + (req.example ? '<p>Example</p>' + json(req.example) : '') + '<p>Schema</p>' + json(req.schema)
      html += '<h4>Responses</h4>'
      for (const [status, res] of Object.entries(op.responses)) {
        const body = res.content?.['application/json']
        html += '<p><b>' + esc(status) + '</b> ' + esc(res.description) + '</p>' + (body ? json(body.schema) : '')
      }
      html += '</div></details>'
    }
  }
  html += '<h2>Problem</h2>' + json(doc.components.schemas.Problem)
  document.getElementById('main').innerHTML = html
})
`

export const docsPage = (title: string): string => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${title}</title>
<style>${DOCS_STYLE}</style></head><body>

<header><h1 id="title">${title}</h1><p id="desc"></p><p><a class="doc" href="/openapi.json">openapi.json</a></p></header>
<main id="main">Loading…</main>
<script>${DOCS_SCRIPT}</script></body></html>`
