// A uPlot chart drawn on a canvas. It is a picture for sighted users: every chart on the
// dashboards has a table with the same numbers beside it, which is what assistive technology
// reads (the chart itself is one labelled image).
import 'uplot/dist/uPlot.min.css';
import uPlot from 'uplot';
import { useEffect, useRef } from 'preact/hooks';

export interface ChartSeries {
  label: string;
  values: (number | null)[];
  kind: 'bar' | 'line';
}

export interface ChartProps {
  /** What the picture shows, for its accessible name. */
  label: string;
  /** x positions: category indices (with categories) or unix seconds (time). */
  x: number[];
  categories?: string[];
  series: ChartSeries[];
  time?: boolean;
  height?: number;
  /** The name of the x values in the hover legend. */
  xLabel?: string;
  /** Formats a y value for the axis and the hover legend. */
  formatY?: (v: number) => string;
}

const PALETTE = ['#0b57d0', '#b3261e', '#146c2e', '#8a5a00', '#6b3fa0', '#00838f', '#c2185b', '#455a64'];
const DASHES: number[][] = [[], [6, 4], [2, 3], [10, 3, 2, 3]];

function cssVar(name: string, fallback: string): string {
  if (typeof document === 'undefined') return fallback;
  const v = getComputedStyle(document.documentElement).getPropertyValue(name).trim();
  return v || fallback;
}

export function Chart(props: ChartProps) {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = host.current;
    if (!el) return undefined;
    const fg = cssVar('--fg', '#1b1f24');
    const grid = cssVar('--border-soft', '#d5dae0');
    const bars = props.series.filter((s) => s.kind === 'bar');
    // Grouped bars: each series gets its own slot of the category's width (in x scale units).
    const group = 0.8;
    const slot = group / Math.max(1, bars.length);
    const scaleValue = 1 as uPlot.Series.BarsPathBuilderFacetUnit; // ScaleValue
    let barIndex = 0;
    const series: uPlot.Series[] = [
      {
        label: props.xLabel ?? '',
        value: (_u, v) => (v === null || v === undefined ? '—' : props.categories ? props.categories[v] ?? '' : props.time ? new Date(v * 1000).toISOString().slice(0, 10) : String(v)),
      },
      ...props.series.map((s, i): uPlot.Series => {
        const colour = PALETTE[i % PALETTE.length]!;
        if (s.kind === 'bar') {
          const k = barIndex++;
          return {
            label: s.label,
            stroke: colour,
            fill: `${colour}cc`,
            width: 1,
            paths: uPlot.paths.bars!({
              disp: {
                x0: { unit: scaleValue, values: (u) => (u.data[0] as number[]).map((x) => x - group / 2 + k * slot) },
                size: { unit: scaleValue, values: (u) => (u.data[0] as number[]).map(() => slot) },
              },
            }),
            points: { show: false },
            value: (_u, v) => (v === null || v === undefined ? '—' : props.formatY ? props.formatY(v) : String(v)),
          };
        }
        return {
          label: s.label,
          stroke: colour,
          width: 2,
          dash: DASHES[i % DASHES.length],
          points: { show: true, size: 6 },
          spanGaps: false,
          value: (_u, v) => (v === null || v === undefined ? '—' : props.formatY ? props.formatY(v) : String(v)),
        };
      }),
    ];
    const categories = props.categories;
    const options: uPlot.Options = {
      width: Math.max(280, el.clientWidth || 600),
      height: props.height ?? 260,
      series,
      scales: {
        x: categories ? { time: false, range: [-0.6, Math.max(0, categories.length - 1) + 0.6] } : { time: !!props.time },
        y: { range: (_u, min, max) => [Math.min(0, min), max > 0 ? max * 1.1 : 1] },
      },
      axes: [
        {
          stroke: fg,
          grid: { stroke: grid, width: 1 },
          ticks: { stroke: grid },
          ...(categories
            ? {
                splits: () => categories.map((_, i) => i),
                values: (_u: uPlot, splits: number[]) => splits.map((i) => categories[i] ?? ''),
              }
            : {}),
        },
        {
          stroke: fg,
          grid: { stroke: grid, width: 1 },
          ticks: { stroke: grid },
          size: (_u: uPlot, values: string[] | null) => Math.max(40, 12 + 8 * Math.max(0, ...(values ?? []).map((v) => String(v).length))),
          values: (_u: uPlot, splits: number[]) => splits.map((v) => (props.formatY ? props.formatY(v) : String(v))),
        },
      ],
      legend: { show: true },
      cursor: { drag: { x: false, y: false } },
    };
    const data: uPlot.AlignedData = [props.x, ...props.series.map((s) => s.values)] as uPlot.AlignedData;
    const plot = new uPlot(options, data, el);
    const resize = new ResizeObserver(() => {
      const width = Math.max(280, el.clientWidth);
      if (Math.abs(width - plot.width) > 4) plot.setSize({ width, height: props.height ?? 260 });
    });
    resize.observe(el);
    return () => {
      resize.disconnect();
      plot.destroy();
    };
  }, [props.x, props.series, props.categories, props.time, props.height]);
  return <div ref={host} class="chart" role="img" aria-label={props.label} />;
}
