import { describe, expect, it } from 'vitest';
import { htmlReport } from '../../../src/report/html.ts';
import { traceTable } from '../../../src/report/html/trace-table.ts';
import { runAttackOn } from '../../support/attack.ts';
import { disputeTrace, longTrace, networkReferences, resultOf, TraceWriter } from '../../support/report-sample.ts';

describe('htmlReport', () => {
  const dispute = resultOf(disputeTrace().trace);

  it('marks the violation on the timeline with its invariant and step', () => {
    const html = htmlReport([dispute]);
    const step = dispute.violations[0]!.step;
    expect(html).toContain(`<g class="violation-marker" data-invariant="latest-state-enforced" data-step="${step}">`);
    expect(html).toContain(`✗ latest-state-enforced @ step ${step}`);
  });

  it('shows the header, the outcome against the expectation and the repro line with a copy button', () => {
    const html = htmlReport([dispute]);
    expect(html).toContain('stale-state-close <span class="dim">on</span> channel/accepts-stale-version');
    expect(html).toContain('expected <b>violated latest-state-enforced</b>, got <b class="outcome-violated">violated latest-state-enforced</b>');
    expect(html).toMatch(/<code id="repro-0">l2adv attack stale-state-close --protocol channel --variant accepts-stale-version --seed 7<\/code> <button type="button" data-copy="repro-0">/);
    for (const fact of ['lightning-lnd', '0xabc', '0xdef']) expect(html).toContain(`<dd>${fact}</dd>`);
  });

  it('draws a swimlane per lane, windows as spans, and the balance plot', () => {
    const html = htmlReport([dispute]);
    for (const lane of ['l1', 'l2:soft', 'l2:safe', 'l2:final', 'window:channel dispute', 'actor:alice', 'adversary', 'checker']) {
      expect(html).toMatch(new RegExp(`<g class="lane lane-[a-z0-9]+" data-lane="${lane}"`));
      expect(html).toMatch(new RegExp(`<div class="lane-label[^"]*" data-lane="${lane}"`));
    }
    expect(html).toContain('<g class="span">');
    expect(html).toContain('<g class="span open">');
    expect(html).toContain('<svg class="balance-plot"');
    expect(html).toContain('data-party="bob · channel"');
    expect(html).toContain('ends at 6 ETH');
  });

  it('says the plot is missing instead of inventing balances when the trace has none', () => {
    const w = new TraceWriter();
    w.block();
    const html = htmlReport([resultOf(w.trace.events)]);
    expect(html).not.toContain('<svg class="balance-plot"');
    expect(html).toContain('No balance plot: this trace has no <code>balance</code> events');
  });

  it('loads nothing from the network: no external src, href, url(), @import or fetch, and a CSP that forbids it', () => {
    const html = htmlReport([dispute, resultOf(longTrace(200))]);
    expect(networkReferences(html)).toEqual([]);
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none';`);
  });

  it('the network check itself catches each kind of external load', () => {
    const bad = ['<img src="https://x.io/a.png">', '<link href="//cdn.x/a.css">', '<style>body{background:url(http://x/y)}</style>', '<style>@import "a.css";</style>', '<script>fetch("/a")</script>'];
    for (const snippet of bad) expect(networkReferences(snippet), snippet).not.toEqual([]);
    expect(networkReferences('<a href="#s0-3">x</a><rect style="fill:url(#hatch)"/>')).toEqual([]);
  });

  it('escapes trace text, so a hostile summary cannot inject markup or script', () => {
    const w = new TraceWriter();
    w.add('action', 'mallory"><script>', '<script>alert(1)</script> & <img src=x onerror=alert(2)>');
    const html = htmlReport([resultOf(w.trace.events)]);
    expect(html).not.toContain('<script>alert(1)');
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;img src=x onerror=alert(2)&gt;');
    expect(html.match(/<script>/g)).toHaveLength(1);
  });

  it('holds several results, one section each with unique ids, and an index of them', () => {
    const html = htmlReport([dispute, resultOf(disputeTrace().trace, { variant: 'secure', outcome: 'defended', asExpected: false, violations: [] })]);
    expect(html.match(/<section class="result"/g)).toHaveLength(2);
    expect(html).toContain('<a href="#result-1">stale-state-close</a>');
    expect(html).toContain('<b>2 results</b>: 1 as expected, 1 unexpected');
    const ids = [...html.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('is the same bytes for the same results', () => {
    expect(htmlReport([dispute])).toBe(htmlReport([resultOf(disputeTrace().trace)]));
  });

  it('stays small for a long run: crowded lanes fold their markers and say so', () => {
    const html = htmlReport([resultOf(longTrace(3000))]);
    expect(html).toMatch(/300 markers for 3,000 events/);
    expect(html.length).toBeLessThan(2_500_000);
    expect((html.match(/<g class="mark /g) ?? []).length).toBeLessThanOrEqual(4 * 300);
  });

  it('renders a real custodial run: lanes for its parties and the l1-recoverability violation', async () => {
    const r = await runAttackOn('operator-disappears', 'custodial', 'reference');
    const html = htmlReport([r]);
    expect(html).toContain('data-invariant="l1-recoverability"');
    for (const lane of ['l1', 'actor:alice', 'actor:bob', 'actor:custodian', 'adversary', 'kernel', 'checker']) expect(html).toContain(`data-lane="${lane}"`);
    expect(html).toContain(`Full trace (${r.trace.length} events)`);
    expect(networkReferences(html)).toEqual([]);
  });
});

describe('traceTable', () => {
  it('lists every event with the documented columns, the violation row highlighted', () => {
    const { trace, violationStep } = disputeTrace();
    const html = traceTable(trace, 0, new Set([violationStep]));
    expect(html).toContain('<th>step</th><th>l1</th><th>phase</th><th>kind</th><th>actor</th><th>summary</th>');
    expect(html.match(/<tr id="s0-/g)).toHaveLength(trace.length);
    expect(html).toContain(`<tr id="s0-${violationStep}" class="k-violation violated">`);
  });

  it('keeps the first and last rows of a trace longer than the cap and says how many it left out', () => {
    const trace = longTrace(100);
    const html = traceTable(trace, 2, new Set(), 10);
    expect(html.match(/<tr id="s2-/g)).toHaveLength(10);
    expect(html).toContain('<tr id="s2-0"');
    expect(html).toContain(`<tr id="s2-${trace.length - 1}"`);
    expect(html).toContain(`… ${trace.length - 10} events not shown (steps 5…${trace.length - 6})`);
  });
});
