import { afterAll, beforeAll } from "vitest";
import type { Actor } from "@/lib/policy";
import { createTestActor } from "@/lib/testing/actors";
import { startInProcessCollaboration, TEST_NEXTAUTH_SECRET } from "@/lib/testing/collaboration";
import { createSqliteTestDatabase, type TestDatabase } from "@/lib/testing/database";

export type CollaborationFixture = {
  testDatabase: TestDatabase;
  server: Awaited<ReturnType<typeof startInProcessCollaboration>>;
  delegate: Actor;
};

/**
 * For a test file: a fresh SQLite database with one delegate of the given economy, and a
 * collaboration server in the test's process, ready before the file's tests and removed after
 * them. Its fields are set in `beforeAll`, so read them inside tests. (Kept apart from
 * lib/testing/collaboration.ts, which the benchmarks import outside Vitest.)
 */
export function setUpCollaborationFixture({ organisationCode }: { organisationCode: string }): CollaborationFixture {
  process.env.NEXTAUTH_SECRET = TEST_NEXTAUTH_SECRET;
  const fixture = {} as CollaborationFixture;
  beforeAll(async () => {
    fixture.testDatabase = await createSqliteTestDatabase();
    fixture.delegate = await createTestActor(fixture.testDatabase.database, { role: "DELEGATE", organisationCode });
    fixture.server = await startInProcessCollaboration();
  });
  afterAll(async () => {
    await fixture.server?.close();
    await fixture.testDatabase?.drop();
  });
  return fixture;
}
