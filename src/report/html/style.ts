/** Balance line colours, one per party (balance-plot.ts cycles through SERIES_COLOURS of them). */
const SERIES = ['#0969da', '#cf222e', '#1a7f37', '#8250df', '#bf8700', '#1b7c83', '#bc4c00', '#57606a'];

/** One inline stylesheet, system fonts only: the report loads nothing from anywhere. */
export const REPORT_STYLE = `
:root { --fg: #1f2328; --dim: #6e7781; --line: #d0d7de; --bad: #cf222e; --good: #1a7f37; --warn: #bf8700; --info: #0969da; --adv: #8250df; }
* { box-sizing: border-box; }
body { margin: 0; padding: 24px 32px 48px; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--fg); background: #fff; }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 18px; margin: 0 0 6px; }
h3 { font-size: 14px; margin: 18px 0 6px; text-transform: uppercase; letter-spacing: .04em; color: var(--dim); }
code, .facts dd, table { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: 12.5px; }
.dim { color: var(--dim); font-weight: normal; }
.summary { margin: 0 0 12px; }
.index { border-collapse: collapse; margin-bottom: 24px; }
.index td { padding: 2px 12px 2px 0; }
.result { border-top: 1px solid var(--line); padding-top: 20px; margin-top: 20px; }
.badge { display: inline-block; padding: 1px 8px; border-radius: 10px; font-size: 12px; color: #fff; vertical-align: 2px; }
.badge.pass { background: var(--good); }
.badge.fail { background: var(--bad); }
.verdict { margin: 2px 0 8px; }
.assumption { margin: 0 0 8px; color: var(--dim); font-style: italic; }
.outcome-violated { color: var(--bad); }
.outcome-defended { color: var(--good); }
.outcome-error { color: var(--warn); }
.facts { display: flex; flex-wrap: wrap; gap: 4px 20px; margin: 0 0 8px; }
.facts div { display: flex; gap: 6px; }
.facts dt { color: var(--dim); }
.facts dd { margin: 0; word-break: break-all; }
.violations { margin: 6px 0; padding-left: 20px; color: var(--bad); }
.violations a { color: inherit; }
.error { color: var(--warn); font-weight: 600; }
.repro { display: flex; align-items: center; gap: 8px; background: #f6f8fa; border: 1px solid var(--line); border-radius: 6px; padding: 6px 10px; margin: 8px 0; }
.repro code { flex: 1; user-select: all; }
.repro button { font: inherit; font-size: 12px; padding: 2px 10px; border: 1px solid var(--line); border-radius: 4px; background: #fff; cursor: pointer; }
.chart { display: inline-flex; max-width: 100%; border: 1px solid var(--line); border-radius: 6px; overflow: hidden; vertical-align: top; }
.labels { position: relative; flex: none; width: 200px; border-right: 1px solid var(--line); background: #fff; font-size: 12.5px; }
.labels > div { position: absolute; left: 8px; right: 8px; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.lane-label { display: flex; flex-direction: column; justify-content: center; line-height: 1.15; }
.lane-label.odd { background: #f6f8fa; left: 0; right: 0; padding: 0 8px; }
.lane-label .cap { font-size: 10.5px; color: var(--warn); }
.lane-label.lane-adversary { color: var(--adv); font-weight: 600; }
.lane-label.lane-checker { color: var(--bad); font-weight: 600; }
.axis-label, .grid-label, .plot-title { color: var(--dim); font-size: 11.5px; }
.grid-label { text-align: right; }
.plot-title { text-transform: uppercase; letter-spacing: .04em; }
.pane { flex: 1 1 auto; min-width: 0; overflow-x: auto; }
.pane svg { display: block; }
svg text { font: 11px system-ui, sans-serif; fill: var(--fg); }
.lane-bg { fill: #fff; }
.lane-bg.odd { fill: #f6f8fa; }
.gap rect, .balance-plot .gap { fill: #eaeef2; opacity: .85; }
.gap-rewind rect { fill: #ffebe9; }
.gap-label { fill: var(--dim); font-size: 10.5px; }
.axis text { fill: var(--dim); font-size: 10.5px; }
.rule line, line.rule { stroke: #8c959f; stroke-dasharray: 4 3; }
.rule-phase text { fill: var(--dim); font-size: 10.5px; }
.violation-marker line, line.rule-violation { stroke: var(--bad); stroke-width: 2; stroke-dasharray: none; }
.violation-marker text { fill: var(--bad); font-weight: 700; }
.mark { stroke: #fff; stroke-width: 1; }
.mark.folded { stroke: var(--fg); stroke-width: 1.2; }
.tone-muted { fill: #c4cad1; }
.tone-neutral { fill: #57606a; }
.tone-info { fill: var(--info); }
.tone-good { fill: var(--good); }
.tone-warn { fill: var(--warn); }
.tone-bad { fill: var(--bad); }
.tone-adversary { fill: var(--adv); }
a:hover .mark { stroke: var(--fg); stroke-width: 2; }
.span rect { fill: rgba(9, 105, 218, .16); stroke: var(--info); }
.span.open rect { stroke-dasharray: 5 3; }
.span text { fill: #0a3069; font-size: 10.5px; }
.head-label { fill: var(--dim); font-size: 10px; }
.plot-gap { border-top: 1px solid var(--line); }
.grid { stroke: #eaeef2; }
.balance-line path { fill: none; stroke-width: 2; }
.balance-line circle { stroke: #fff; stroke-width: 1; }
.legend { list-style: none; padding: 0; margin: 8px 0; display: flex; flex-wrap: wrap; gap: 4px 18px; }
.swatch { display: inline-block; width: 14px; height: 4px; border-radius: 2px; vertical-align: middle; margin-right: 6px; }
.balance-empty { color: var(--dim); font-style: italic; }
.legend, .balance-empty { display: block; }
${[0, 1, 2, 3, 4, 5, 6, 7].map((i) => `.series-${i} path { stroke: ${SERIES[i]}; } .series-${i} circle, .swatch.series-${i} { fill: ${SERIES[i]}; background: ${SERIES[i]}; }`).join('\n')}
details.trace { margin-top: 14px; }
details.trace summary { cursor: pointer; color: var(--info); }
.trace table { border-collapse: collapse; margin-top: 6px; width: 100%; }
.trace th { text-align: left; color: var(--dim); font-weight: normal; border-bottom: 1px solid var(--line); position: sticky; top: 0; background: #fff; }
.trace td, .trace th { padding: 1px 10px 1px 0; vertical-align: top; }
.trace td:nth-child(-n+2) { text-align: right; }
.trace tr.k-adversary td { color: var(--adv); }
.trace tr.k-violation td, .trace tr.violated td { color: var(--bad); font-weight: 600; }
.trace tr.k-block td, .trace tr.k-skip td { color: var(--dim); }
.trace tr.elided td { color: var(--warn); font-style: italic; }
.trace tr.hit td { background: #fff8c5; }
`;

