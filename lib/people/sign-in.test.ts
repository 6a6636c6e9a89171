import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSqliteTestDatabase, type TestDatabase } from "@/lib/testing/database";
import { hashPassword } from "@/lib/people/passwords";
import { SIGN_IN_LIMITS, verifyCredentials } from "@/lib/people/sign-in";

let testDatabase: TestDatabase;
let counter = 0;

beforeAll(async () => {
  testDatabase = await createSqliteTestDatabase();
});
afterAll(async () => testDatabase.drop());

async function createAccount(password: string): Promise<string> {
  counter += 1;
  const email = `sign-in-${counter}-${Date.now()}@test.example`;
  await testDatabase.database.user.create({ data: { email, name: "Sign In", role: "DELEGATE", organisationCode: "AL", passwordHash: await hashPassword(password) } });
  return email;
}

function outcome(attempt: Promise<unknown>): Promise<string> {
  return attempt.then(
    () => "SIGNED_IN",
    (error: { code?: string }) => error.code ?? "ERROR",
  );
}

describe("sign-in limits", () => {
  it("limits one account however many addresses the guesses come from", async () => {
    const email = await createAccount("the right password");
    const results: string[] = [];
    for (let attempt = 0; attempt < SIGN_IN_LIMITS.perAccount + 3; attempt++) {
      results.push(await outcome(verifyCredentials({ email, password: `guess ${attempt}`, clientAddress: `198.51.100.${attempt}` })));
    }
    expect(results.filter((result) => result === "UNAUTHENTICATED")).toHaveLength(SIGN_IN_LIMITS.perAccount);
    expect(results.slice(SIGN_IN_LIMITS.perAccount)).toEqual(["RATE_LIMITED", "RATE_LIMITED", "RATE_LIMITED"]);
    // The right password from a fresh address is refused too until the window passes.
    expect(await outcome(verifyCredentials({ email, password: "the right password", clientAddress: "203.0.113.99" }))).toBe("RATE_LIMITED");
  });

  it("lets at most the limit of 20 parallel wrong attempts reach the password check", async () => {
    const email = await createAccount("the right password");
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, attempt) => outcome(verifyCredentials({ email, password: `parallel ${attempt}`, clientAddress: "198.51.100.200" }))),
    );
    // A password was checked only for the attempts that answered UNAUTHENTICATED.
    expect(results.filter((result) => result === "UNAUTHENTICATED")).toHaveLength(SIGN_IN_LIMITS.perAccount);
    expect(results.filter((result) => result === "RATE_LIMITED")).toHaveLength(20 - SIGN_IN_LIMITS.perAccount);
  });

  // Fifty real password checks at the production cost: about 9 s on a quiet 2-core machine, and several
  // times that while the machine also builds or runs browsers, so a budget beyond the default 30 s.
  it("limits one address trying many accounts", { timeout: 120_000 }, async () => {
    const address = "192.0.2.77";
    const results: string[] = [];
    for (let attempt = 0; attempt < SIGN_IN_LIMITS.perAddress + 2; attempt++) {
      results.push(await outcome(verifyCredentials({ email: `nobody-${attempt}@test.example`, password: "whatever", clientAddress: address })));
    }
    expect(results.filter((result) => result === "UNAUTHENTICATED")).toHaveLength(SIGN_IN_LIMITS.perAddress);
    expect(results.slice(-2)).toEqual(["RATE_LIMITED", "RATE_LIMITED"]);
  });

  it("gives the points back on success, so a person who types the right password is never held up", async () => {
    const email = await createAccount("the right password");
    for (let attempt = 0; attempt < SIGN_IN_LIMITS.perAccount - 1; attempt++) {
      expect(await outcome(verifyCredentials({ email, password: "typo", clientAddress: "192.0.2.5" }))).toBe("UNAUTHENTICATED");
    }
    expect(await outcome(verifyCredentials({ email, password: "the right password", clientAddress: "192.0.2.5" }))).toBe("SIGNED_IN");
    for (let attempt = 0; attempt < SIGN_IN_LIMITS.perAccount + 5; attempt++) {
      expect(await outcome(verifyCredentials({ email, password: "the right password", clientAddress: "192.0.2.5" }))).toBe("SIGNED_IN");
    }
  });
});
