import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { HocuspocusProvider } from "@hocuspocus/provider";
import { createPostgresTestDatabase, isPostgresAvailable, type TestDatabase } from "@/lib/testing/database";
import { createTestActor } from "@/lib/testing/actors";
import {
  appendParagraph,
  bodyText,
  closeClient,
  connectProvider,
  createTestDocument,
  isRedisAvailable,
  REDIS_TEST_URL,
  sessionCookieFor,
  startCollaborationProcess,
  storedBodyText,
  waitFor,
  waitForSaved,
  type ServerProcess,
} from "@/lib/testing/collaboration";
import { parseServerMessage, type Participant } from "@/lib/collab/protocol";

// Scale-out needs real PostgreSQL and Redis; with CI=true either missing is a failure, not a skip.
const hasServices = (await isPostgresAvailable()) && (await isRedisAvailable());

let testDatabase: TestDatabase;
const servers: ServerProcess[] = [];
const clients: HocuspocusProvider[] = [];

beforeAll(async () => {
  if (!hasServices) return;
  testDatabase = await createPostgresTestDatabase();
  const environment = { REDIS_URL: REDIS_TEST_URL };
  servers.push(...(await Promise.all([startCollaborationProcess({ databaseUrl: testDatabase.url, env: environment }), startCollaborationProcess({ databaseUrl: testDatabase.url, env: environment })])));
}, 120_000);

afterAll(async () => {
  for (const client of clients) closeClient(client);
  await Promise.all(servers.map((server) => server.kill()));
  await testDatabase?.drop();
});

describe.runIf(hasServices)("two instances behind Redis", () => {
  test("edits cross both ways and each is stored once, by the instance that received it", async () => {
    const albania = await createTestActor(testDatabase.database, { role: "DELEGATE", organisationCode: "AL", name: "Arta on instance one" });
    const serbia = await createTestActor(testDatabase.database, { role: "DELEGATE", organisationCode: "RS", name: "Stefan on instance two" });
    const observer = await createTestActor(testDatabase.database, { role: "OBSERVER", organisationCode: "EC", name: "Erik on instance two" });
    const document = await createTestDocument(testDatabase.database, { workingGroupId: testDatabase.workingGroupId, paragraphs: ["Shared draft"] });

    let participantsOnOne: Participant[] = [];
    const onOne = connectProvider({
      url: servers[0].url,
      documentId: document.id,
      cookie: await sessionCookieFor(testDatabase.database, albania.id),
      onStateless: ({ payload }) => (participantsOnOne = parseServerMessage(payload)?.participants ?? participantsOnOne),
    });
    const onTwo = connectProvider({ url: servers[1].url, documentId: document.id, cookie: await sessionCookieFor(testDatabase.database, serbia.id) });
    const observerOnTwo = connectProvider({ url: servers[1].url, documentId: document.id, cookie: await sessionCookieFor(testDatabase.database, observer.id) });
    clients.push(onOne, onTwo, observerOnTwo);
    await Promise.all([waitForSaved(onOne), waitForSaved(onTwo)]);

    for (let round = 1; round <= 3; round += 1) {
      appendParagraph(onOne.document, `From instance one, ${round}`);
      await waitFor(() => bodyText(onTwo.document).includes(`From instance one, ${round}`), { timeoutMs: 5_000, message: "edit to reach instance two" });
      appendParagraph(onTwo.document, `From instance two, ${round}`);
      await waitFor(() => bodyText(onOne.document).includes(`From instance two, ${round}`), { timeoutMs: 5_000, message: "edit to reach instance one" });
    }
    await Promise.all([waitForSaved(onOne), waitForSaved(onTwo)]);
    await waitFor(() => bodyText(observerOnTwo.document) === bodyText(onOne.document), { message: "observer to follow" });
    expect(bodyText(onOne.document)).toBe(bodyText(onTwo.document));

    const expected = ["Shared draft", ...[1, 2, 3].flatMap((round) => [`From instance one, ${round}`, `From instance two, ${round}`])].join("\n");
    expect(await storedBodyText(document.id)).toBe(expected);
    const rows = await testDatabase.database.documentUpdate.groupBy({ by: ["userId"], where: { documentId: document.id }, _count: true });
    // One row per edit, stored by the instance its author is connected to, never again by the other.
    expect(Object.fromEntries(rows.map((row) => [row.userId, row._count]))).toEqual({ [albania.id]: 3, [serbia.id]: 3 });

    // Presence and the participant list span both instances.
    onTwo.setAwarenessField("cursor", { anchor: 2 });
    await waitFor(() => onOne.awareness!.getStates().get(onTwo.document.clientID)?.user?.id === serbia.id, { timeoutMs: 5_000, message: "presence across instances" });
    await waitFor(() => participantsOnOne.length === 3, { timeoutMs: 5_000, message: "participants across instances" });
    expect(participantsOnOne.map((person) => [person.name, person.canEdit])).toEqual([
      ["Arta on instance one", true],
      ["Stefan on instance two", true],
      ["Erik on instance two", false],
    ]);
  });
});
