import type { Timeline } from '../timeline.ts';
import { balancePlot, PLOT_HEIGHT } from './balance-plot.ts';
import { esc, px, thousands } from './escape.ts';
import { scaleFor } from './scale.ts';
import { layoutTimeline, timelineSvg } from './timeline-svg.ts';

const PLOT_GAP = 28;

/**
 * The timeline and the balance plot share one horizontally scrolling pane (so they stay
 * aligned without script) beside a fixed column of lane names and plot values.
 */
export function chart(timeline: Timeline, section: number): string {
  const scale = scaleFor(timeline.axis);
  const layout = layoutTimeline(timeline);
  const plot = balancePlot(timeline, scale);
  const labels = [
    `<div class="axis-label" style="top:${layout.axisY}px">L1 height</div>`,
    ...layout.rows.map(({ lane, y, height }, i) => {
      const shown = lane.points.length + lane.spans.length;
      const folded = shown < lane.total ? `<span class="cap" title="nearby events share a marker; hover one to see how many">${thousands(shown)} markers for ${thousands(lane.total)} events</span>` : '';
      return `<div class="lane-label lane-${lane.group}${i % 2 ? ' odd' : ''}" data-lane="${esc(lane.key)}" style="top:${y}px;height:${height}px"><span>${esc(lane.label)}</span>${folded}</div>`;
    }),
  ];
  let height = layout.height;
  let pane = timelineSvg(timeline, layout, scale, section);
  if (plot) {
    const top = layout.height + PLOT_GAP;
    labels.push(`<div class="plot-title" style="top:${layout.height + 6}px">balances</div>`);
    labels.push(...plot.gridlines.map((g) => `<div class="grid-label" style="top:${px(top + g.y - 7)}px">${esc(g.text)}</div>`));
    pane += `<div class="plot-gap" style="height:${PLOT_GAP}px"></div>${plot.svg}`;
    height = top + PLOT_HEIGHT;
  }
  const legend = plot
    ? `<ul class="legend">${plot.legend.map((l) => `<li><span class="swatch series-${l.series}"></span>${esc(l.key)} <span class="dim">ends at ${esc(l.last)}</span></li>`).join('')}</ul>`
    : `<p class="balance-empty">No balance plot: this trace has no <code>balance</code> events (the protocol does not record them; see docs/trace.md), and the report does not invent numbers.</p>`;
  return `<div class="chart"><div class="labels" style="height:${px(height)}px">${labels.join('')}</div><div class="pane">${pane}</div></div>\n${legend}`;
}
