import type { CSSProperties } from 'react';
import type { ChartTheme } from './chart-theme';

/** Axis styling both themes read well: muted ticks, grid-coloured lines. */
export function axisStyle(theme: ChartTheme) {
  return {
    tick: { fill: theme.muted, fontSize: 12 },
    stroke: theme.grid,
    tickLine: { stroke: theme.grid },
  };
}

/** The tooltip box in the theme's card colours. */
export function tooltipStyle(theme: ChartTheme): {
  contentStyle: CSSProperties;
  labelStyle: CSSProperties;
  itemStyle: CSSProperties;
  cursor: { fill: string; fillOpacity: number };
} {
  return {
    contentStyle: {
      background: theme.background,
      border: `1px solid ${theme.grid}`,
      borderRadius: 6,
      color: theme.text,
      fontSize: 13,
    },
    labelStyle: { color: theme.text, fontWeight: 600 },
    itemStyle: { color: theme.text, padding: 0 },
    cursor: { fill: theme.grid, fillOpacity: 0.35 },
  };
}

/** Tooltip values arrive as number | string | array; only numbers get formatted. */
export function numberOf(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}
