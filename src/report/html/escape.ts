/** Text and attribute values from a trace are data: escape everything that reaches the page. */
export function esc(value: string | number): string {
  return String(value).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** 45818 → "45,818" without depending on the machine's locale. */
export function thousands(n: number): string {
  const sign = n < 0 ? '-' : '';
  return sign + String(Math.abs(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** Pixel coordinates with one decimal: enough for a screen, small in a long report. */
export function px(n: number): string {
  return String(Math.round(n * 10) / 10);
}

/** Cuts a label to roughly fit `width` pixels of 11px text. */
export function fit(label: string, width: number): string | undefined {
  const chars = Math.floor(width / 6.4);
  if (chars < 4) return undefined;
  return label.length <= chars ? label : `${label.slice(0, chars - 1)}…`;
}

/** 45818 → "45.8k": short enough for a folded gap on the axis. */
export function compact(n: number): string {
  if (Math.abs(n) < 1000) return String(n);
  if (Math.abs(n) < 1e6) return `${Number((n / 1e3).toPrecision(3))}k`;
  return `${Number((n / 1e6).toPrecision(3))}M`;
}
