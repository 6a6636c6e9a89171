/**
 * The three thread statuses as chart series. One hue in three clearly different lightnesses, each
 * with its own pattern, so a greyscale print still tells them apart; label colours keep at least
 * 4.5:1 contrast on their fill.
 */
export const THREAD_SERIES = [
  { key: "open", label: "Open", fill: "#0b4f59", pattern: "solid", patternColour: "#0b4f59", labelColour: "#ffffff" },
  { key: "answered", label: "Answered", fill: "#7bb8c1", pattern: "hatch", patternColour: "#9ccbd2", labelColour: "#17212b" },
  { key: "resolved", label: "Resolved", fill: "#e4f1f3", pattern: "dots", patternColour: "#7aa3aa", labelColour: "#17212b" },
].map((series) => ({ ...series, swatch: swatchOf(series) }));

/** The same fill and pattern as CSS, for legends and tables outside the chart's SVG. */
function swatchOf({ fill, pattern, patternColour }: { fill: string; pattern: string; patternColour: string }): string {
  if (pattern === "hatch") return `repeating-linear-gradient(45deg, ${fill} 0 3px, ${patternColour} 3px 5px)`;
  if (pattern === "dots") return `radial-gradient(circle, ${patternColour} 1.3px, transparent 1.6px) 0 0 / 5px 5px, ${fill}`;
  return fill;
}
