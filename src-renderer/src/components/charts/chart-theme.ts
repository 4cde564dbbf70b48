import { useMemo, useSyncExternalStore } from 'react';

/**
 * Concrete colours for the charts, read from the CSS variables of the active
 * theme (styles/analytics.css, swapped by prefers-color-scheme like the rest).
 * Recharts gets real colours rather than `var(--…)`, so that an exported PNG,
 * drawn from the SVG outside the page's stylesheet, looks like the screen.
 */
export interface ChartTheme {
  dark: boolean;
  /** The card behind a chart: the PNG's background. */
  background: string;
  text: string;
  muted: string;
  grid: string;
  /** One colour per series, in funnel order. */
  series: string[];
  /** Activities mapped to no stage, anonymous activity. */
  neutral: string;
  fontFamily: string;
}

const DARK = '(prefers-color-scheme: dark)';

function subscribe(onChange: () => void): () => void {
  const query = window.matchMedia(DARK);
  query.addEventListener('change', onChange);
  return () => query.removeEventListener('change', onChange);
}

const isDark = () => window.matchMedia(DARK).matches;

function readTheme(dark: boolean): ChartTheme {
  const style = getComputedStyle(document.documentElement);
  const read = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  return {
    dark,
    background: read('--surface', dark ? '#1a1f26' : '#ffffff'),
    text: read('--text', dark ? '#e6edf3' : '#1b1f24'),
    muted: read('--text-muted', dark ? '#a0aab5' : '#545d68'),
    grid: read('--border', dark ? '#343c47' : '#d5dbe1'),
    series: [1, 2, 3, 4, 5].map((n) => read(`--chart-${n}`, dark ? '#7aa7ff' : '#2563eb')),
    neutral: read('--chart-neutral', dark ? '#9ca3af' : '#6b7280'),
    fontFamily: getComputedStyle(document.body).fontFamily || 'sans-serif',
  };
}

/** The chart colours of the current light/dark theme; re-read when the OS switches. */
export function useChartTheme(): ChartTheme {
  const dark = useSyncExternalStore(subscribe, isDark);
  return useMemo(() => readTheme(dark), [dark]);
}

/** The colour of the n-th stage in funnel order. */
export function seriesColor(theme: ChartTheme, index: number): string {
  return theme.series[index % theme.series.length] ?? theme.neutral;
}
