import { describe, expect, it } from "vitest";
import { COMMON_PASSWORD_MESSAGE, REPETITIVE_PASSWORD_MESSAGE, newPasswordSchema } from "@/lib/people/passwords";

function messagesFor(password: string): string[] {
  const result = newPasswordSchema.safeParse(password);
  return result.success ? [] : result.error.issues.map((issue) => issue.message);
}

describe("new password policy", () => {
  it("refuses short passwords", () => {
    expect(messagesFor("short")).toEqual(["Use at least 12 characters."]);
  });

  it.each(["aaaaaaaaaaaa", "abcabcabcabc", "abcdefghijklm", "zyxwvutsrqpo"])("refuses the repetitive or sequential %j", (password) => {
    expect(messagesFor(password)).toEqual([REPETITIVE_PASSWORD_MESSAGE]);
  });

  it.each(["qwerty123456", "1q2w3e4r5t6y", "LeaveMeAlone", "sonyericsson"])("refuses the common or breached %j, whatever its case", (password) => {
    expect(messagesFor(password)).toEqual([COMMON_PASSWORD_MESSAGE]);
  });

  it.each(["correct horse battery", "Tirana-Skopje 2026 draft", "a long enough password"])("accepts %j", (password) => {
    expect(messagesFor(password)).toEqual([]);
  });
});
