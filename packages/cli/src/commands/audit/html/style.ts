/** The page's only style sheet, inline: the report must render from the file alone (no CDN, no fonts). */
export const STYLE = `
:root { color-scheme: light; --ink: #1d2329; --muted: #5b6670; --line: #d5dbe0; --pass: #2e7d4f; --fail: #b23b3b; --mark: #c27c0e; }
* { box-sizing: border-box; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif; color: var(--ink); margin: 0 auto; padding: 24px 32px 48px; max-width: 1120px; }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 18px; margin: 32px 0 8px; padding-top: 12px; border-top: 2px solid var(--line); }
h3 { font-size: 14px; margin: 20px 0 6px; color: var(--muted); font-weight: 600; }
table { border-collapse: collapse; margin: 4px 0 8px; }
th, td { padding: 4px 10px; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
thead th { font-weight: 600; color: var(--muted); border-bottom: 2px solid var(--line); }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.id, code { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: 12px; word-break: break-all; }
.verdict { font-size: 18px; font-weight: 700; padding: 10px 14px; border-radius: 6px; margin: 16px 0; }
.verdict.ok { background: #e6f4ea; color: var(--pass); }
.verdict.bad { background: #fbe9e9; color: var(--fail); }
p.ok { color: var(--pass); } p.bad { color: var(--fail); }
.pass { color: var(--pass); font-weight: 600; } .fail { color: var(--fail); font-weight: 600; } .annulled { color: var(--muted); font-weight: 600; }
.check-ok { color: var(--pass); font-weight: 700; } .check-fail { color: var(--fail); font-weight: 700; } .check-skipped { color: var(--muted); font-weight: 700; }
ul.findings { margin: 4px 0 12px; padding-left: 20px; } ul.findings li { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 12px; }
tr.total th, tr.total td { font-weight: 700; border-top: 2px solid var(--line); }
.charts { display: flex; flex-wrap: wrap; gap: 12px 20px; }
figure.chart { margin: 0; border: 1px solid var(--line); border-radius: 6px; padding: 8px 10px 4px; }
figcaption { font-size: 12px; color: var(--muted); margin-bottom: 2px; }
svg.histogram .axis { stroke: #8a949c; stroke-width: 1; }
svg.histogram .bar.pass { fill: var(--pass); } svg.histogram .bar.fail { fill: var(--fail); }
svg.histogram .pass-mark { stroke: var(--mark); stroke-width: 2; stroke-dasharray: 5 3; }
svg.histogram text { font-size: 10px; fill: var(--muted); } svg.histogram .pass-mark-label { fill: var(--mark); font-weight: 600; }
.sign { margin-top: 40px; display: flex; gap: 48px; } .sign div { flex: 1; border-top: 1px solid var(--ink); padding-top: 4px; color: var(--muted); }
@media print { body { padding: 0; } h2 { break-before: auto; } figure.chart, table { break-inside: avoid; } }
`
