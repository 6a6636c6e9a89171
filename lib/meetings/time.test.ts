import { describe, expect, it } from "vitest";
import { isTimeZone, timeZoneChoices } from "@/lib/meetings/time";

describe("time zone choices", () => {
  it("put the group's zones first, the RCC's own at the top, with readable names", () => {
    const { group, other } = timeZoneChoices();
    expect(group[0]).toEqual({ zone: "Europe/Belgrade", label: "Belgrade, Pristina — Central European Time" });
    expect(group.map((choice) => choice.zone)).toEqual(["Europe/Belgrade", "Europe/Sarajevo", "Europe/Tirane", "Europe/Podgorica", "Europe/Skopje", "Europe/Brussels"]);
    expect(other.find((choice) => choice.zone === "America/New_York")?.label).toBe("New York (America) — Eastern Time");
  });

  it("offer every zone once, each one the server accepts", () => {
    const { group, other } = timeZoneChoices();
    const zones = [...group, ...other].map((choice) => choice.zone);
    expect(new Set(zones).size).toBe(zones.length);
    expect(zones.length).toBeGreaterThan(300);
    expect(zones.every(isTimeZone)).toBe(true);
  });
});
