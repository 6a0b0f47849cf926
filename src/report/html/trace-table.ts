import type { TraceEvent } from '../../kernel/trace.ts';
import { esc, thousands } from './escape.ts';

/**
 * Most rows one trace table holds; a longer trace keeps its first and last halves, since a
 * run's setup and its violation are what a reader looks for. `--json` has every event.
 * @defaultValue 10,000
 */
export const TRACE_ROW_CAP = 10_000;

/** The whole trace with the columns of docs/trace.md, folded away until asked for. */
export function traceTable(trace: readonly TraceEvent[], section: number, violationSteps: ReadonlySet<number>, cap = TRACE_ROW_CAP): string {
  const head = trace.length > cap ? trace.slice(0, Math.ceil(cap / 2)) : trace;
  const tail = trace.length > cap ? trace.slice(trace.length - Math.floor(cap / 2)) : [];
  const elided = trace.length - head.length - tail.length;
  const rows = [
    ...head.map((e) => row(e, section, violationSteps)),
    ...(elided > 0 ? [`<tr class="elided"><td colspan="6">… ${thousands(elided)} events not shown (steps ${head.length}…${trace.length - tail.length - 1}); \`--json\` has the whole trace</td></tr>`] : []),
    ...tail.map((e) => row(e, section, violationSteps)),
  ];
  return `<details class="trace"><summary>Full trace (${thousands(trace.length)} events)</summary><table><thead><tr><th>step</th><th>l1</th><th>phase</th><th>kind</th><th>actor</th><th>summary</th></tr></thead><tbody>${rows.join('\n')}</tbody></table></details>`;
}

function row(e: TraceEvent, section: number, violationSteps: ReadonlySet<number>): string {
  const cls = `k-${e.kind.replace(/[^a-z0-9-]/gi, '')}${violationSteps.has(e.step) ? ' violated' : ''}`;
  return `<tr id="s${section}-${e.step}" class="${cls}"><td>${e.step}</td><td>${e.l1}</td><td>${e.phase}</td><td>${esc(e.kind)}</td><td>${esc(e.actor)}</td><td>${esc(e.summary)}</td></tr>`;
}
