import type { Figure } from './run.ts';
import { htmlReport } from '../src/report/html.ts';
import { buildTimeline } from '../src/report/timeline.ts';
import { longTrace, resultOf } from '../test/support/report-sample.ts';

/** How long the HTML report takes and how big it gets as a trace grows (marker folding keeps it bounded). */
export default async function (figure: Figure): Promise<void> {
  for (const blocks of [100, 1_000, 10_000]) {
    const trace = longTrace(blocks);
    const result = resultOf(trace, { violations: [], outcome: 'defended' });
    const start = performance.now();
    const html = htmlReport([result]);
    const ms = performance.now() - start;
    const timeline = buildTimeline(trace);
    const markers = timeline.lanes.reduce((n, l) => n + l.points.length, 0);
    figure(`${trace.length.toLocaleString('en-US')} events: render time`, ms, 'ms');
    figure(`${trace.length.toLocaleString('en-US')} events: file size`, html.length / 1024, 'KiB');
    figure(`${trace.length.toLocaleString('en-US')} events: timeline markers`, markers);
  }
}
