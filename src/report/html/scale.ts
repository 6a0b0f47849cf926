import type { Axis } from '../timeline.ts';

/**
 * Horizontal scale shared by the timeline and the balance plot, so a balance change sits
 * exactly under the event that caused it. Short runs are stretched to a readable width;
 * long ones are squeezed to keep the file and the page small (crowded lanes fold markers).
 */
export interface Scale {
  readonly pxPerUnit: number;
  readonly width: number;
  x(units: number): number;
}

/** Comfortable spacing of one event column. */
const NATURAL_PX_PER_UNIT = 28;
const MIN_WIDTH_PX = 960;
const MAX_WIDTH_PX = 7200;
/** Room at both ends for a marker's full shape, however squeezed the axis is. */
const EDGE_PX = 10;

export function scaleFor(axis: Axis): Scale {
  const natural = axis.width * NATURAL_PX_PER_UNIT;
  const inner = Math.min(MAX_WIDTH_PX, Math.max(MIN_WIDTH_PX, natural));
  const pxPerUnit = inner / axis.width;
  return { pxPerUnit, width: inner + 2 * EDGE_PX, x: (units) => EDGE_PX + units * pxPerUnit };
}
