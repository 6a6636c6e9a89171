import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ORGANISATIONS } from "@/lib/organisations/catalogue";

/** WCAG 2 contrast ratio between two sRGB colours written as "#rrggbb". */
function contrast(first: string, second: string): number {
  const luminance = (hex: string) => {
    const [red, green, blue] = [1, 3, 5].map((start) => {
      const channel = parseInt(hex.slice(start, start + 2), 16) / 255;
      return channel <= 0.03928 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue;
  };
  const [lighter, darker] = [luminance(first), luminance(second)].sort((a, b) => b - a);
  return (lighter + 0.05) / (darker + 0.05);
}

describe("organisation colours", () => {
  it.each(ORGANISATIONS.map((entry) => [entry.name, entry.colour]))("%s's caret label (white on %s) reaches 4.5:1", (_, colour) => {
    expect(contrast("#ffffff", colour)).toBeGreaterThanOrEqual(4.5);
  });

  it("are the same in the stylesheet's tokens", () => {
    const css = fs.readFileSync(path.join(process.cwd(), "app/globals.css"), "utf8");
    for (const entry of ORGANISATIONS) {
      expect(css, entry.code).toContain(`--economy-${entry.code}: ${entry.colour};`);
    }
  });
});
