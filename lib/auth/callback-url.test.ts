import { describe, expect, it } from "vitest";
import { safeCallbackPath } from "@/lib/auth/callback-url";

const ORIGIN = "https://accord.example";

describe("the path to return to after sign-in", () => {
  it.each([
    ["//other-host/steal", "/"],
    ["/\\other-host", "/"],
    ["/\\/other-host/x", "/"],
    ["\\\\other-host", "/"],
    ["https://other-host/", "/"],
    ["http://accord.example/documents", "/"],
    ["javascript:alert(1)", "/"],
    ["other-host", "/"],
    ["/%2F%2Fother-host", "/%2F%2Fother-host"],
    ["", "/"],
    [null, "/"],
  ])("sends %j to %j", (value, expected) => {
    expect(safeCallbackPath(value, ORIGIN)).toBe(expected);
  });

  it("keeps same-origin paths, query and fragment", () => {
    expect(safeCallbackPath("/documents/abc?tab=comments#t1", ORIGIN)).toBe("/documents/abc?tab=comments#t1");
    expect(safeCallbackPath("https://accord.example/meetings", ORIGIN)).toBe("/meetings");
  });
});
