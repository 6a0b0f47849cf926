import type { AttackResult } from '../../kernel/attack.ts';
import { esc, thousands } from './escape.ts';

/** Who was attacked how, what was expected, what happened, and the line that reruns it. */
export function resultHeader(r: AttackResult, section: number): string {
  const expected = r.expected === 'violated' ? `violated ${r.expectedInvariant ?? ''}`.trim() : 'defended';
  const got = r.outcome === 'violated' ? `violated ${r.violations.map((v) => v.invariant).join(', ')}` : r.outcome;
  const facts: [string, string][] = [
    ['preset', r.preset],
    ['seed', String(r.seed)],
    ['L1', r.l1],
    ['steps', thousands(r.steps)],
    ['time', `${r.ms} ms`],
    ['traceHash', r.traceHash],
    ['configHash', r.configHash],
  ];
  const violations = r.violations.map(
    (v) => `<li><a href="#s${section}-${v.step}"><b>${esc(v.invariant)}</b> @ step ${v.step}</a> (${esc(v.phase)}): ${esc(v.message)}</li>`,
  );
  return [
    `<h2><span class="badge ${r.asExpected ? 'pass' : 'fail'}">${r.asExpected ? 'PASS' : 'FAIL'}</span> ${esc(r.attack)} <span class="dim">on</span> ${esc(r.protocol)}/${esc(r.variant)}</h2>`,
    `<p class="verdict">expected <b>${esc(expected)}</b>, got <b class="outcome-${r.outcome}">${esc(got)}</b>${r.asExpected ? ' — as expected' : ' — not as expected'}</p>`,
    r.assumption ? `<p class="assumption">stated assumption: ${esc(r.assumption)}</p>` : '',
    `<dl class="facts">${facts.map(([k, v]) => `<div><dt>${k}</dt><dd>${esc(v)}</dd></div>`).join('')}</dl>`,
    violations.length > 0 ? `<ul class="violations">${violations.join('')}</ul>` : '',
    r.error ? `<p class="error">error: ${esc(r.error)}</p>` : '',
    reproLine(r.repro, `repro-${section}`),
  ].join('\n');
}

export function reproLine(repro: string, id: string): string {
  return `<div class="repro"><span class="dim">rerun:</span> <code id="${id}">${esc(repro)}</code> <button type="button" data-copy="${id}">copy</button></div>`;
}
