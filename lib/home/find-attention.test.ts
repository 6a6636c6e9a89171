import { describe, expect, it } from "vitest";
import { attention } from "@/lib/home/find-attention";

describe("attention labels", () => {
  it("agree with their count", () => {
    const rounds = (count: number) => attention("rounds", count, ["sign-off round", "sign-off rounds"], "open", "/progress").label;
    expect(rounds(1)).toBe("sign-off round open");
    expect(rounds(0)).toBe("sign-off rounds open");
    expect(rounds(2)).toBe("sign-off rounds open");
  });
});
