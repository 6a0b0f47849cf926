import type { AttackResult } from '../kernel/attack.ts';
import { chart } from './html/chart.ts';
import { esc } from './html/escape.ts';
import { resultHeader } from './html/header.ts';
import { REPORT_SCRIPT } from './html/script.ts';
import { REPORT_STYLE } from './html/style.ts';
import { traceTable } from './html/trace-table.ts';
import { buildTimeline } from './timeline.ts';

export interface HtmlReportOptions {
  /** Shown as the page title and heading. @defaultValue "l2adv report" */
  title?: string;
  /** The command line that produced the report, shown under the heading. */
  command?: string;
}

/**
 * The browser forbids every network load for this page: the report is one file that opens
 * the same offline, from a CI artifact or an e-mail, and cannot leak what it shows.
 */
const CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:";

/**
 * One self-contained HTML page for any number of results (one section each): `attack --all`
 * passes them all, `fuzz` and `replay` pass the results they rerun. It reads only the
 * result data and the trace, so it works for every protocol.
 */
export function htmlReport(results: readonly AttackResult[], options: HtmlReportOptions = {}): string {
  const title = options.title ?? 'l2adv report';
  const unexpected = results.filter((r) => !r.asExpected).length;
  const body = [
    `<h1>${esc(title)}</h1>`,
    options.command ? `<p class="dim"><code>${esc(options.command)}</code></p>` : '',
    `<p class="summary"><b>${results.length} result${results.length === 1 ? '' : 's'}</b>: ${results.length - unexpected} as expected, ${unexpected} unexpected</p>`,
    results.length > 1 ? resultIndex(results) : '',
    ...results.map(resultSection),
  ];
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${esc(title)}</title>`,
    `<style>${REPORT_STYLE}</style>`,
    '</head>',
    '<body>',
    ...body.filter((part) => part !== ''),
    `<script>${REPORT_SCRIPT}</script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

function resultIndex(results: readonly AttackResult[]): string {
  const rows = results.map(
    (r, i) =>
      `<tr><td><span class="badge ${r.asExpected ? 'pass' : 'fail'}">${r.asExpected ? 'PASS' : 'FAIL'}</span></td><td><a href="#result-${i}">${esc(r.attack)}</a></td><td>${esc(r.protocol)}/${esc(r.variant)}</td><td class="outcome-${r.outcome}">${esc(outcomeText(r))}</td></tr>`,
  );
  return `<table class="index">${rows.join('')}</table>`;
}

function outcomeText(r: AttackResult): string {
  return r.outcome === 'violated' ? `violated ${r.violations.map((v) => v.invariant).join(', ')}` : r.outcome;
}

function resultSection(r: AttackResult, section: number): string {
  const timeline = buildTimeline(r.trace, { violations: r.violations });
  return [
    `<section class="result" id="result-${section}" data-outcome="${r.outcome}">`,
    resultHeader(r, section),
    '<h3>Timeline</h3>',
    chart(timeline, section),
    traceTable(r.trace, section, new Set(r.violations.map((v) => v.step))),
    '</section>',
  ].join('\n');
}
