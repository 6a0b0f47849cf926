/**
 * Wall-clock time for reports and benchmarks only. It never enters the trace, so it can't
 * break replay; this is the one file in src/ allowed to read the clock.
 */
export function stopwatch(): () => number {
  const start = performance.now();
  return () => Math.round((performance.now() - start) * 10) / 10;
}
