"use client";

import { useId } from "react";
import { Bar, BarChart, LabelList, XAxis, YAxis } from "recharts";
import type { EconomyThreadCounts } from "@/lib/progress/find-progress";
import { getOrganisation } from "@/lib/organisations/catalogue";
import { THREAD_SERIES } from "@/components/progress/thread-series";
import styles from "./progress.module.css";

const ROW_HEIGHT = 34;
const COMPACT_ROW_HEIGHT = 26;

type Row = EconomyThreadCounts & { name: string };

/** A value written inside its segment when it fits; the table beside the chart always has every number. */
function SegmentLabel({ x = 0, y = 0, width = 0, height = 0, value, fill }: { x?: number; y?: number; width?: number; height?: number; value?: unknown; fill: string }) {
  if (!value || width < 18) return null;
  return (
    <text x={x + width / 2} y={y + height / 2} fill={fill} textAnchor="middle" dominantBaseline="central" fontSize={12} fontWeight={700}>
      {String(value)}
    </text>
  );
}

function EconomyTick({ x = 0, y = 0, payload, fontSize = 13 }: { x?: number; y?: number; payload?: { value?: string }; fontSize?: number }) {
  const code = payload?.value ?? "";
  const name = getOrganisation(code).shortName;
  return (
    <g transform={`translate(${x},${y})`}>
      <rect x={-14} y={-5} width={10} height={10} rx={3} fill={`var(--economy-${code})`} />
      <text x={-20} y={0} textAnchor="end" dominantBaseline="central" fontSize={fontSize} fill="var(--colour-ink)">
        {name}
      </text>
    </g>
  );
}

/** The patterns that keep the three series apart without colour: solid, hatched, dotted. */
function Patterns({ idPrefix }: { idPrefix: string }) {
  return (
    <defs>
      {THREAD_SERIES.map((series) => (
        <pattern key={series.key} id={`${idPrefix}-${series.key}`} width="8" height="8" patternUnits="userSpaceOnUse" patternTransform={series.pattern === "hatch" ? "rotate(45)" : undefined}>
          <rect width="8" height="8" fill={series.fill} />
          {series.pattern === "hatch" && <line x1="0" y1="0" x2="0" y2="8" stroke={series.patternColour} strokeWidth="3" />}
          {series.pattern === "dots" && <circle cx="4" cy="4" r="1.4" fill={series.patternColour} />}
        </pattern>
      ))}
    </defs>
  );
}

/**
 * Open, answered and resolved threads per economy as stacked bars. Readable in greyscale (dark,
 * middle and light fills with solid, hatched and dotted patterns) and labelled directly; screen
 * readers get the summary in `aria-label` and the table next to the chart.
 */
export function ThreadsChart({ rows, summary, width, isCompact = false }: { rows: EconomyThreadCounts[]; summary: string; width?: number; isCompact?: boolean }) {
  const data: Row[] = rows.map((row) => ({ ...row, name: getOrganisation(row.organisationCode).shortName }));
  const height = rows.length * (isCompact ? COMPACT_ROW_HEIGHT : ROW_HEIGHT) + 32;
  const isEmpty = rows.every((row) => row.total === 0);
  // Pattern ids must be unique in the page, and stable between the server's and the browser's render.
  const idPrefix = `threads${useId().replaceAll(":", "")}`;
  return (
    <div className={styles.chart} role="img" aria-label={summary} data-testid="threads-chart">
      <ul className={styles.legend} aria-hidden="true">
        {THREAD_SERIES.map((series) => (
          <li key={series.key}>
            <span className={styles.swatch} style={{ background: series.swatch }} />
            {series.label}
          </li>
        ))}
      </ul>
      {isEmpty ? (
        <p className={styles.chartEmpty}>No comment threads on the MoU yet.</p>
      ) : (
        <BarChart
          data={data}
          layout="vertical"
          width={width}
          height={height}
          responsive={width === undefined}
          style={width === undefined ? { width: "100%", height } : undefined}
          margin={{ top: 4, right: 64, bottom: 4, left: 8 }}
          barCategoryGap={7}
          accessibilityLayer={false}
        >
          <Patterns idPrefix={idPrefix} />
          <XAxis type="number" allowDecimals={false} tick={{ fontSize: 12, fill: "var(--colour-ink-muted)" }} stroke="var(--colour-line-strong)" />
          <YAxis type="category" dataKey="organisationCode" width={isCompact ? 150 : 190} interval={0} tick={<EconomyTick fontSize={isCompact ? 11 : 13} />} tickLine={false} axisLine={false} />
          {THREAD_SERIES.map((series, index) => (
            <Bar key={series.key} dataKey={series.key} name={series.label} stackId="threads" fill={`url(#${idPrefix}-${series.key})`} stroke="var(--colour-paper)" strokeWidth={1} isAnimationActive={false}>
              <LabelList dataKey={series.key} content={<SegmentLabel fill={series.labelColour} />} />
              {index === THREAD_SERIES.length - 1 && (
                <LabelList dataKey="total" position="right" offset={10} fontSize={12} fill="var(--colour-ink-muted)" formatter={(total) => `${total} in all`} />
              )}
            </Bar>
          ))}
        </BarChart>
      )}
    </div>
  );
}
