import { describe, expect, it } from "vitest";
import { normaliseLink } from "@/lib/editor/links";

describe("normaliseLink", () => {
  it.each([
    ["www.rcc.int", "https://www.rcc.int/"],
    ["https://www.rcc.int/en/working-groups", "https://www.rcc.int/en/working-groups"],
    ["http://example.org", "http://example.org/"],
    ["mailto:secretariat@rcc.int", "mailto:secretariat@rcc.int"],
  ])("accepts %s", (input, expected) => {
    expect(normaliseLink(input)).toBe(expected);
  });

  it.each(["", "not a link at all", "javascript:alert(1)", "data:text/html,hi", "ftp://files.example.org", "mailto:nobody", "https://intranet"])(
    "refuses %j",
    (input) => {
      expect(normaliseLink(input)).toBeNull();
    },
  );
});
