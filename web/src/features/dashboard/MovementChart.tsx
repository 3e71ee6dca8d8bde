"use client";
/**
 * Inbound and outbound units per day as paired bars (SVG), with the same numbers in a table for screen readers.
 * The SVG has a fixed aspect ratio, so the page does not move when the data arrives.
 */
import { useI18n } from "@/lib/i18n/I18nProvider";

/** One day of the chart. */
export interface ChartDay {
  day: string;
  inbound: number;
  outbound: number;
}

const WIDTH = 720;
const HEIGHT = 220;
const PADDING = { top: 10, right: 10, bottom: 28, left: 44 };

/** Bar geometry for `days`, scaled to the busiest day; exported for tests. */
export function layoutBars(days: readonly ChartDay[]) {
  const max = Math.max(1, ...days.flatMap((day) => [day.inbound, day.outbound]));
  const plotWidth = WIDTH - PADDING.left - PADDING.right;
  const plotHeight = HEIGHT - PADDING.top - PADDING.bottom;
  const slot = days.length > 0 ? plotWidth / days.length : plotWidth;
  const barWidth = Math.max(1, slot / 2 - 1);
  const height = (value: number) => (value / max) * plotHeight;
  return {
    max,
    bars: days.map((day, index) => {
      const x = PADDING.left + index * slot;
      return {
        day: day.day,
        inbound: { x, y: PADDING.top + plotHeight - height(day.inbound), width: barWidth, height: height(day.inbound) },
        outbound: { x: x + barWidth + 1, y: PADDING.top + plotHeight - height(day.outbound), width: barWidth, height: height(day.outbound) },
      };
    }),
  };
}

/** The chart with its legend and data table. */
export function MovementChart({ days }: { days: readonly ChartDay[] }) {
  const { messages, format } = useI18n();
  const { max, bars } = layoutBars(days);
  const baseline = HEIGHT - PADDING.bottom;
  return (
    <figure style={{ margin: 0 }}>
      <figcaption className="legend">
        <span className="in">{messages.dashboard.inbound}</span>
        <span className="out">{messages.dashboard.outbound}</span>
      </figcaption>
      <svg className="chart" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={messages.dashboard.chartTitle}>
        <line x1={PADDING.left} x2={WIDTH - PADDING.right} y1={baseline} y2={baseline} stroke="#7d8b94" />
        <text x={PADDING.left - 6} y={PADDING.top + 10} textAnchor="end" fontSize="12" fill="#4f5e69">{format.number(max)}</text>
        <text x={PADDING.left - 6} y={baseline} textAnchor="end" fontSize="12" fill="#4f5e69">0</text>
        {bars.map((bar, index) => (
          <g key={bar.day}>
            <rect {...bar.inbound} fill="var(--inbound)" />
            <rect {...bar.outbound} fill="var(--outbound)" />
            {index % 5 === 0 ? (
              <text x={bar.inbound.x} y={HEIGHT - 8} fontSize="12" fill="#4f5e69">{format.day(bar.day)}</text>
            ) : null}
          </g>
        ))}
      </svg>
      <details>
        <summary>{messages.dashboard.chartTable}</summary>
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{messages.dashboard.day}</th>
                <th scope="col" className="num">{messages.dashboard.inbound}</th>
                <th scope="col" className="num">{messages.dashboard.outbound}</th>
              </tr>
            </thead>
            <tbody>
              {days.map((day) => (
                <tr key={day.day}>
                  <td>{format.day(day.day)}</td>
                  <td className="num">{format.number(day.inbound)}</td>
                  <td className="num">{format.number(day.outbound)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
