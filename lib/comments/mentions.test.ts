import { describe, expect, it } from "vitest";
import { mentionMarkup, mentionedUserIds, splitMentions } from "@/lib/comments/mentions";

describe("mentions", () => {
  it("round-trips a person through markup, whatever their name contains", () => {
    const person = { id: "cm1abc", name: "Nikola Petrović [RS]" };
    const body = `Ask ${mentionMarkup(person)} and @[Ana](cm2def), again ${mentionMarkup(person)}.`;
    expect(mentionedUserIds(body)).toEqual(["cm1abc", "cm2def"]);
    expect(splitMentions(body)).toEqual([
      { text: "Ask " },
      { userId: "cm1abc", label: "Nikola Petrović [RS " },
      { text: " and " },
      { userId: "cm2def", label: "Ana" },
      { text: ", again " },
      { userId: "cm1abc", label: "Nikola Petrović [RS " },
      { text: "." },
    ]);
  });

  it("leaves text that only looks like a mention alone", () => {
    for (const body of ["mail me @ home", "@[no id]", "@[Name](has spaces)", "@[](cm1)"]) {
      expect(mentionedUserIds(body)).toEqual([]);
      expect(splitMentions(body)).toEqual([{ text: body }]);
    }
  });
});
