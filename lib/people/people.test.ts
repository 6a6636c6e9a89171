import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSqliteTestDatabase, type TestDatabase } from "@/lib/testing/database";
import { createTestActor } from "@/lib/testing/actors";
import { acceptInvitation, findOpenInvitation, inviteUser } from "@/lib/people/invitations";
import { deactivateUser, findPeople } from "@/lib/people/accounts";
import { SIGN_IN_LIMITS, verifyCredentials } from "@/lib/people/sign-in";
import { createAuthSession, findActorBySessionId } from "@/lib/auth/session";
import type { Actor } from "@/lib/policy";

process.env.NEXTAUTH_SECRET ??= "unit-test-secret-unit-test-secret-0123";

let testDatabase: TestDatabase;
let secretariat: Actor;
let delegate: Actor;
let observer: Actor;

beforeAll(async () => {
  testDatabase = await createSqliteTestDatabase();
  secretariat = await createTestActor(testDatabase.database, { role: "SECRETARIAT", organisationCode: "RCC" });
  delegate = await createTestActor(testDatabase.database, { role: "DELEGATE", organisationCode: "ME" });
  observer = await createTestActor(testDatabase.database, { role: "OBSERVER", organisationCode: "CEFTA" });
});
afterAll(async () => testDatabase.drop());

describe("invitations", () => {
  it("lets the secretariat invite someone who then sets a password and signs in", async () => {
    const { userId, token } = await inviteUser({ actor: secretariat, name: "Arta Berisha", email: "Arta@Example.org", role: "DELEGATE", organisationCode: "XK" });
    expect(await findOpenInvitation(token)).not.toBeNull();
    await expect(verifyCredentials({ email: "arta@example.org", password: "correct horse battery", clientAddress: "t1" })).rejects.toMatchObject({ code: "UNAUTHENTICATED" });

    await acceptInvitation({ token, password: "correct horse battery", confirmation: "correct horse battery" });
    expect(await verifyCredentials({ email: "arta@example.org", password: "correct horse battery", clientAddress: "t1" })).toEqual({ userId });
    // The link works once.
    expect(await findOpenInvitation(token)).toBeNull();
    await expect(acceptInvitation({ token, password: "another long password", confirmation: "another long password" })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("refuses delegates and observers, and mismatched organisations, storing nothing", async () => {
    const before = await testDatabase.database.user.count();
    for (const actor of [delegate, observer]) {
      await expect(inviteUser({ actor, name: "Someone", email: "x@example.org", role: "OBSERVER", organisationCode: "EC" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
    await expect(inviteUser({ actor: secretariat, name: "Someone", email: "y@example.org", role: "DELEGATE", organisationCode: "EC" })).rejects.toMatchObject({
      code: "INVALID_INPUT",
      fieldErrors: { organisationCode: [expect.stringContaining("does not match")] },
    });
    await expect(inviteUser({ actor: secretariat, name: "", email: "not an email", role: "DELEGATE", organisationCode: "AL" })).rejects.toMatchObject({
      code: "INVALID_INPUT",
      fieldErrors: { name: expect.any(Array), email: expect.any(Array) },
    });
    expect(await testDatabase.database.user.count()).toBe(before);
  });

  it("rejects short or mismatched passwords with field messages", async () => {
    const { token } = await inviteUser({ actor: secretariat, name: "Luka Marić", email: "luka@example.org", role: "DELEGATE", organisationCode: "BA" });
    await expect(acceptInvitation({ token, password: "short", confirmation: "short" })).rejects.toMatchObject({ fieldErrors: { password: [expect.stringContaining("12")] } });
    await expect(acceptInvitation({ token, password: "long enough password", confirmation: "different password!" })).rejects.toMatchObject({ fieldErrors: { confirmation: expect.any(Array) } });
  });
});

describe("sign-in", () => {
  it("rate-limits repeated failures for one account", async () => {
    const { token } = await inviteUser({ actor: secretariat, name: "Rate Limited", email: "rate@example.org", role: "OBSERVER", organisationCode: "EC" });
    await acceptInvitation({ token, password: "the right password", confirmation: "the right password" });
    for (let attempt = 0; attempt < SIGN_IN_LIMITS.perAccount; attempt++) {
      await expect(verifyCredentials({ email: "rate@example.org", password: "wrong", clientAddress: "t2" })).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
    }
    // Even the right password is refused until the window passes.
    await expect(verifyCredentials({ email: "rate@example.org", password: "the right password", clientAddress: "t2" })).rejects.toMatchObject({ code: "RATE_LIMITED" });
  });

  it("ends the sessions of a deactivated person and refuses their sign-in", async () => {
    const { userId, token } = await inviteUser({ actor: secretariat, name: "Leaving Person", email: "leaving@example.org", role: "DELEGATE", organisationCode: "MK" });
    await acceptInvitation({ token, password: "a fine long password", confirmation: "a fine long password" });
    const session = await createAuthSession(userId);
    expect(await findActorBySessionId(session.id)).toMatchObject({ id: userId });

    await expect(deactivateUser({ actor: delegate, userId })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await deactivateUser({ actor: secretariat, userId });
    expect(await findActorBySessionId(session.id)).toBeNull();
    await expect(verifyCredentials({ email: "leaving@example.org", password: "a fine long password", clientAddress: "t3" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect((await findPeople({ actor: secretariat })).find((person) => person.id === userId)).toMatchObject({ isActive: false });
  });
});
