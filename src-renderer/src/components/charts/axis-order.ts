/**
 * Chart axes people can read and tooltips in the legend's order (issue 11):
 * ticks on round numbers (0/100/200/300/400, not 0/85/170/255/340), and
 * tooltip lines in series order, stage by stage, not sorted by name.
 */

/** Ticks from 0 past `max` on a round step (1, 2, 2.5 or 5 × 10ⁿ), about `count` of them; whole numbers only. */
export function roundTicks(max: number, count = 5): number[] {
  if (!Number.isFinite(max) || max <= 0) return [0, 1];
  const rough = max / Math.max(1, count - 1);
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = Math.max(
    1,
    [1, 2, 2.5, 5, 10].map((m) => m * power).find((s) => s >= rough)!,
  );
  const whole = Number.isInteger(step) ? step : Math.ceil(step);
  const top = Math.ceil(max / whole) * whole;
  const ticks: number[] = [];
  for (let v = 0; v <= top; v += whole) ticks.push(v);
  return ticks;
}

/** A tooltip `itemSorter` that keeps the series' own order (the legend's and the stack's). */
export function seriesOrder(dataKeys: readonly string[]): (item: { dataKey?: unknown }) => number {
  return (item) => {
    const at = dataKeys.indexOf(String(item.dataKey));
    return at === -1 ? dataKeys.length : at;
  };
}
