import fs from "node:fs";
import path from "node:path";
import { type APIRequestContext } from "@playwright/test";
import { expect, test } from "./fixtures/test";
import { DEMO, signInWithRequest } from "./fixtures/accounts";
import { daysFromToday } from "./fixtures/dates";
import { uniqueTitle } from "./fixtures/editor";

/**
 * Every route in app/api × {anonymous, observer, delegate of another economy, secretariat}, from one
 * table. The test lists the route files and their exported methods, so a route without a row fails.
 * Each row creates its own targets (as the secretariat or Albania's delegate); Serbia's delegate plays
 * "another economy". For every refusal, the state the row watches must be unchanged afterwards.
 */

type Role = "anonymous" | "observer" | "otherDelegate" | "secretariat";
const ROLES: Role[] = ["anonymous", "observer", "otherDelegate", "secretariat"];
type Clients = { secretariat: APIRequestContext; albania: APIRequestContext };
/**
 * `watch`: URLs whose answer (as the secretariat) must not change across the refused calls; `find`: an
 * entry of a list shared with other tests (a forged name, the target person) that must not change either.
 */
type Target = { path: string; body?: Record<string, unknown>; watch?: string[]; find?: { url: string; key: "people" | "documents" | "upcoming"; field: string; value: string } };
type Row = { route: string; method: string; setup: (clients: Clients) => Promise<Target>; expected: Record<Role, number> };

const READ = { anonymous: 401, observer: 200, otherDelegate: 200, secretariat: 200 };
const SECRETARIAT_ONLY = { anonymous: 401, observer: 403, otherDelegate: 403, secretariat: 200 };
const ANY_DRAFTER = { anonymous: 401, observer: 403, otherDelegate: 200, secretariat: 200 };

async function json<T>(response: Awaited<ReturnType<APIRequestContext["get"]>>): Promise<T> {
  expect(response.status(), `${response.url()}: ${await response.text()}`).toBe(200);
  return (await response.json()) as T;
}

async function newDocument({ secretariat }: Clients): Promise<string> {
  return (await json<{ id: string }>(await secretariat.post("/api/documents", { data: { title: uniqueTitle("Access"), template: "blank" } }))).id;
}

async function newVersion(clients: Clients): Promise<{ documentId: string; versionId: string }> {
  const documentId = await newDocument(clients);
  const created = await json<{ version?: { id: string }; id?: string }>(await clients.secretariat.post(`/api/documents/${documentId}/versions`, { data: { name: "Access draft" } }));
  return { documentId, versionId: created.version?.id ?? created.id! };
}

async function newRound(clients: Clients): Promise<{ documentId: string; roundId: string }> {
  const { documentId, versionId } = await newVersion(clients);
  const round = await json<{ round?: { id: string }; id?: string }>(await clients.secretariat.post(`/api/documents/${documentId}/rounds`, { data: { versionId } }));
  return { documentId, roundId: round.round?.id ?? round.id! };
}

/** A thread Albania's delegate opens, with its first comment. */
async function newThread(clients: Clients, kind: "REMARK" | "PROPOSAL" = "REMARK") {
  const documentId = await newDocument(clients);
  const { thread } = await json<{ thread: { id: string; comments: { id: string }[] } }>(
    await clients.albania.post(`/api/documents/${documentId}/threads`, {
      data: { kind, quote: "Article 1", body: "Albania's point.", ...(kind === "PROPOSAL" ? { suggestedText: "Article 1 (amended)" } : {}) },
    }),
  );
  return { documentId, threadId: thread.id, commentId: thread.comments[0].id };
}

// Ahead of today, so a created meeting is found among the upcoming ones.
const MEETING_DAY = daysFromToday(90);
const MEETING = { startsAt: `${MEETING_DAY}T10:00`, endsAt: `${MEETING_DAY}T12:00`, format: "ONLINE", onlineUrl: "https://meet.example.org/access" };
async function newMeeting({ secretariat }: Clients): Promise<string> {
  return (await json<{ id: string }>(await secretariat.post("/api/meetings", { data: { title: uniqueTitle("Access meeting"), ...MEETING } }))).id;
}

const ROWS: Row[] = [
  { route: "/api/health", method: "GET", setup: async () => ({ path: "/api/health" }), expected: { anonymous: 200, observer: 200, otherDelegate: 200, secretariat: 200 } },
  { route: "/api/auth/[...nextauth]", method: "GET", setup: async () => ({ path: "/api/auth/providers" }), expected: { anonymous: 200, observer: 200, otherDelegate: 200, secretariat: 200 } },
  // next-auth's own CSRF token is missing, so it sends everyone back to the sign-in page.
  { route: "/api/auth/[...nextauth]", method: "POST", setup: async () => ({ path: "/api/auth/signout" }), expected: { anonymous: 302, observer: 302, otherDelegate: 302, secretariat: 302 } },
  // The feed's token is its credential; an unknown one is unknown to everyone.
  { route: "/api/calendar/[feed]", method: "GET", setup: async () => ({ path: "/api/calendar/abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG.ics" }), expected: { anonymous: 404, observer: 404, otherDelegate: 404, secretariat: 404 } },

  { route: "/api/documents", method: "GET", setup: async () => ({ path: "/api/documents" }), expected: READ },
  { route: "/api/documents", method: "POST", setup: async () => { const title = uniqueTitle("Forged"); return { path: "/api/documents", body: { title, template: "blank" }, find: { url: "/api/documents", key: "documents", field: "title", value: title } }; }, expected: SECRETARIAT_ONLY },
  { route: "/api/documents/[documentId]/events", method: "GET", setup: async (clients) => ({ path: `/api/documents/${await newDocument(clients)}/events` }), expected: READ },
  { route: "/api/documents/[documentId]/rounds", method: "GET", setup: async (clients) => ({ path: `/api/documents/${await newDocument(clients)}/rounds` }), expected: READ },
  {
    route: "/api/documents/[documentId]/rounds", method: "POST",
    setup: async (clients) => { const { documentId, versionId } = await newVersion(clients); return { path: `/api/documents/${documentId}/rounds`, body: { versionId }, watch: [`/api/documents/${documentId}/rounds`] }; },
    expected: SECRETARIAT_ONLY,
  },
  { route: "/api/documents/[documentId]/threads", method: "GET", setup: async (clients) => ({ path: `/api/documents/${await newDocument(clients)}/threads` }), expected: READ },
  { route: "/api/documents/[documentId]/threads/[threadId]", method: "GET", setup: async (clients) => { const { documentId, threadId } = await newThread(clients); return { path: `/api/documents/${documentId}/threads/${threadId}` }; }, expected: READ },
  {
    route: "/api/documents/[documentId]/threads", method: "POST",
    setup: async (clients) => { const documentId = await newDocument(clients); return { path: `/api/documents/${documentId}/threads`, body: { kind: "REMARK", quote: "Article 1", body: "A point." }, watch: [`/api/documents/${documentId}/threads`] }; },
    expected: ANY_DRAFTER,
  },
  { route: "/api/documents/[documentId]/versions", method: "GET", setup: async (clients) => ({ path: `/api/documents/${await newDocument(clients)}/versions` }), expected: READ },
  {
    route: "/api/documents/[documentId]/versions", method: "POST",
    setup: async (clients) => { const documentId = await newDocument(clients); return { path: `/api/documents/${documentId}/versions`, body: { name: "Forged version" }, watch: [`/api/documents/${documentId}/versions`] }; },
    expected: SECRETARIAT_ONLY,
  },
  { route: "/api/documents/[documentId]/versions/[versionId]", method: "GET", setup: async (clients) => { const { documentId, versionId } = await newVersion(clients); return { path: `/api/documents/${documentId}/versions/${versionId}` }; }, expected: READ },
  {
    route: "/api/documents/[documentId]/versions/[versionId]/export", method: "GET",
    setup: async (clients) => { const { documentId, versionId } = await newVersion(clients); return { path: `/api/documents/${documentId}/versions/${versionId}/export?format=resolution-csv` }; },
    expected: READ,
  },
  // Without a file even the secretariat gets a clear 400; nobody else may upload at all.
  { route: "/api/documents/import", method: "POST", setup: async () => ({ path: "/api/documents/import", find: { url: "/api/documents", key: "documents", field: "title", value: "Must never exist" } }), expected: { ...SECRETARIAT_ONLY, secretariat: 400 } },
  // The same for replacing a draft's text from Word: no file is a 400 for the secretariat, and nothing changes.
  {
    route: "/api/documents/[documentId]/import", method: "POST",
    setup: async (clients) => { const documentId = await newDocument(clients); return { path: `/api/documents/${documentId}/import`, watch: [`/api/documents/${documentId}/versions`] }; },
    expected: { ...SECRETARIAT_ONLY, secretariat: 400 },
  },
  { route: "/api/documents/[documentId]/suggestions", method: "GET", setup: async (clients) => ({ path: `/api/documents/${await newDocument(clients)}/suggestions` }), expected: READ },
  // No such suggestion in the text: a drafter learns it is gone (409); an observer may not write at all.
  {
    route: "/api/documents/[documentId]/suggestions", method: "POST",
    setup: async (clients) => { const documentId = await newDocument(clients); return { path: `/api/documents/${documentId}/suggestions`, body: { suggestionIds: ["no-such-suggestion"], outcome: "ACCEPTED" }, watch: [`/api/documents/${documentId}/suggestions`] }; },
    expected: { anonymous: 401, observer: 403, otherDelegate: 409, secretariat: 409 },
  },
  {
    route: "/api/documents/[documentId]/drafting-rule", method: "POST",
    setup: async (clients) => { const documentId = await newDocument(clients); return { path: `/api/documents/${documentId}/drafting-rule`, body: { draftingRule: "NEGOTIATION" } }; },
    expected: SECRETARIAT_ONLY,
  },
  { route: "/api/notifications", method: "GET", setup: async () => ({ path: "/api/notifications" }), expected: READ },
  { route: "/api/notifications/read", method: "POST", setup: async () => ({ path: "/api/notifications/read" }), expected: READ },
  // Albania's own notification (an invitation to a new meeting): everyone else is told it does not exist.
  {
    route: "/api/notifications/[notificationId]/read", method: "POST",
    setup: async (clients) => {
      await newMeeting(clients);
      const { items } = await json<{ items: { id: string }[] }>(await clients.albania.get("/api/notifications"));
      return { path: `/api/notifications/${items[0].id}/read` };
    },
    expected: { anonymous: 401, observer: 404, otherDelegate: 404, secretariat: 404 },
  },
  { route: "/api/documents/[documentId]/versions/[versionId]/content", method: "GET", setup: async (clients) => { const { documentId, versionId } = await newVersion(clients); return { path: `/api/documents/${documentId}/versions/${versionId}/content` }; }, expected: READ },

  { route: "/api/rounds/[roundId]/sign-offs", method: "POST",
    // Serbia's delegate tries to record Albania's position; the secretariat records it on Albania's behalf.
    setup: async (clients) => { const { documentId, roundId } = await newRound(clients); return { path: `/api/rounds/${roundId}/sign-offs`, body: { position: "APPROVE", organisationCode: "AL", onBehalfReason: "Confirmed by email." }, watch: [`/api/documents/${documentId}/rounds`] }; },
    expected: SECRETARIAT_ONLY },
  { route: "/api/rounds/[roundId]/close", method: "POST", setup: async (clients) => { const { documentId, roundId } = await newRound(clients); return { path: `/api/rounds/${roundId}/close`, watch: [`/api/documents/${documentId}/rounds`] }; }, expected: SECRETARIAT_ONLY },
  {
    route: "/api/rounds/[roundId]/reopen", method: "POST",
    setup: async (clients) => {
      const { documentId, roundId } = await newRound(clients);
      await json(await clients.secretariat.post(`/api/rounds/${roundId}/close`));
      return { path: `/api/rounds/${roundId}/reopen`, watch: [`/api/documents/${documentId}/rounds`] };
    },
    expected: SECRETARIAT_ONLY,
  },

  { route: "/api/threads/[threadId]/comments", method: "POST", setup: async (clients) => { const { documentId, threadId } = await newThread(clients); return { path: `/api/threads/${threadId}/comments`, body: { body: "A reply." }, watch: [`/api/documents/${documentId}/threads`] }; }, expected: ANY_DRAFTER },
  { route: "/api/threads/[threadId]/resolve", method: "POST", setup: async (clients) => { const { documentId, threadId } = await newThread(clients); return { path: `/api/threads/${threadId}/resolve`, watch: [`/api/documents/${documentId}/threads`] }; }, expected: SECRETARIAT_ONLY },
  {
    route: "/api/threads/[threadId]/reopen", method: "POST",
    setup: async (clients) => {
      const { documentId, threadId } = await newThread(clients);
      await json(await clients.albania.post(`/api/threads/${threadId}/resolve`));
      return { path: `/api/threads/${threadId}/reopen`, watch: [`/api/documents/${documentId}/threads`] };
    },
    expected: SECRETARIAT_ONLY,
  },
  // The proposed wording is not in the (blank) document, so even the secretariat gets a clear 409.
  { route: "/api/threads/[threadId]/apply", method: "POST", setup: async (clients) => { const { documentId, threadId } = await newThread(clients, "PROPOSAL"); return { path: `/api/threads/${threadId}/apply`, watch: [`/api/documents/${documentId}/threads`] }; }, expected: { ...SECRETARIAT_ONLY, secretariat: 409 } },
  // 409 for the secretariat too: a thread made through the API has no passage marked in the text to turn into a suggestion.
  { route: "/api/threads/[threadId]/turn-into-suggestion", method: "POST", setup: async (clients) => { const { documentId, threadId } = await newThread(clients, "PROPOSAL"); return { path: `/api/threads/${threadId}/turn-into-suggestion`, watch: [`/api/documents/${documentId}/threads`] }; }, expected: { ...SECRETARIAT_ONLY, secretariat: 409 } },
  // Only a comment's author may change or delete it: the secretariat is refused too.
  { route: "/api/comments/[commentId]", method: "PATCH", setup: async (clients) => { const { documentId, commentId } = await newThread(clients); return { path: `/api/comments/${commentId}`, body: { body: "Rewritten." }, watch: [`/api/documents/${documentId}/threads`] }; }, expected: { ...SECRETARIAT_ONLY, secretariat: 403 } },
  { route: "/api/comments/[commentId]", method: "DELETE", setup: async (clients) => { const { documentId, commentId } = await newThread(clients); return { path: `/api/comments/${commentId}`, watch: [`/api/documents/${documentId}/threads`] }; }, expected: { ...SECRETARIAT_ONLY, secretariat: 403 } },

  { route: "/api/meetings", method: "GET", setup: async () => ({ path: "/api/meetings" }), expected: READ },
  { route: "/api/meetings", method: "POST", setup: async () => { const title = uniqueTitle("Forged meeting"); return { path: "/api/meetings", body: { title, ...MEETING }, find: { url: "/api/meetings", key: "upcoming", field: "title", value: title } }; }, expected: SECRETARIAT_ONLY },
  { route: "/api/meetings/[meetingId]", method: "GET", setup: async (clients) => ({ path: `/api/meetings/${await newMeeting(clients)}` }), expected: READ },
  { route: "/api/meetings/[meetingId]", method: "PATCH", setup: async (clients) => { const id = await newMeeting(clients); return { path: `/api/meetings/${id}`, body: { title: "Hijacked", ...MEETING }, watch: [`/api/meetings/${id}`] }; }, expected: SECRETARIAT_ONLY },
  { route: "/api/meetings/[meetingId]/cancel", method: "POST", setup: async (clients) => { const id = await newMeeting(clients); return { path: `/api/meetings/${id}/cancel`, body: { reason: "Venue closed." }, watch: [`/api/meetings/${id}`] }; }, expected: SECRETARIAT_ONLY },
  { route: "/api/meetings/[meetingId]/ics", method: "GET", setup: async (clients) => ({ path: `/api/meetings/${await newMeeting(clients)}/ics` }), expected: READ },
  // A meeting still to come, without minutes: the secretariat is told why approval is not possible yet (409).
  { route: "/api/meetings/[meetingId]/minutes/approve", method: "POST", setup: async (clients) => { const id = await newMeeting(clients); return { path: `/api/meetings/${id}/minutes/approve`, watch: [`/api/meetings/${id}`] }; }, expected: { ...SECRETARIAT_ONLY, secretariat: 409 } },
  {
    route: "/api/action-items/[actionItemId]/status", method: "POST",
    // Montenegro's open item from the demo meetings (Serbia's delegate may not touch it); the secretariat reopens an item already open (a no-op).
    setup: async ({ secretariat }) => {
      const { upcoming, past } = await json<{ upcoming: { id: string }[]; past: { id: string }[] }>(await secretariat.get("/api/meetings"));
      for (const { id } of [...past, ...upcoming]) {
        const meeting = await json<{ actionItems: { id: string; ownerOrganisationCode: string | null; status: string }[] }>(await secretariat.get(`/api/meetings/${id}`));
        const item = meeting.actionItems.find((candidate) => candidate.ownerOrganisationCode === "ME" && candidate.status === "OPEN");
        if (item) return { path: `/api/action-items/${item.id}/status`, body: { status: "OPEN" }, watch: [`/api/meetings/${id}`] };
      }
      throw new Error("The demo data has no open action item of Montenegro's");
    },
    expected: SECRETARIAT_ONLY,
  },

  { route: "/api/people", method: "GET", setup: async () => ({ path: "/api/people" }), expected: SECRETARIAT_ONLY },
  {
    route: "/api/people", method: "POST",
    setup: async () => { const email = `forged-${Date.now()}-${Math.random().toString(36).slice(2, 6)}@example.org`; return { path: "/api/people", body: { name: "Forged Person", email, role: "OBSERVER", organisationCode: "EC" }, find: { url: "/api/people", key: "people", field: "email", value: email } }; },
    expected: SECRETARIAT_ONLY,
  },
  {
    route: "/api/people/[userId]/deactivate", method: "POST",
    setup: async ({ secretariat }) => {
      const { userId } = await json<{ userId: string }>(await secretariat.post("/api/people", { data: { name: "Access Target", email: `target-${Date.now()}-${Math.random().toString(36).slice(2, 6)}@example.org`, role: "DELEGATE", organisationCode: "ME" } }));
      return { path: `/api/people/${userId}/deactivate`, find: { url: "/api/people", key: "people", field: "id", value: userId } };
    },
    expected: SECRETARIAT_ONLY,
  },
];

/** Every (route, method) that app/api exports, read from the route files themselves. */
function exportedRoutes(): string[] {
  const root = path.resolve(__dirname, "..", "app", "api");
  const found: string[] = [];
  for (const file of fs.readdirSync(root, { recursive: true, encoding: "utf8" })) {
    if (path.basename(file) !== "route.ts") continue;
    const source = fs.readFileSync(path.join(root, file), "utf8");
    const route = `/api/${path.dirname(file).split(path.sep).join("/")}`;
    const methods = new Set<string>();
    for (const match of source.matchAll(/export (?:const|async function|function) (GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\b/g)) methods.add(match[1]);
    for (const match of source.matchAll(/export \{([^}]*)\}/g)) {
      for (const name of match[1].matchAll(/\bas (GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\b|^\s*(GET|POST|PUT|PATCH|DELETE)\s*$/gm)) methods.add(name[1] ?? name[2]);
    }
    for (const method of methods) found.push(`${method} ${route}`);
  }
  return found.sort();
}

test("every exported API route and method has a row", () => {
  expect(ROWS.map((row) => `${row.method} ${row.route}`).sort()).toEqual(exportedRoutes());
});

test.describe("API access by role", () => {
  test.describe.configure({ mode: "parallel", timeout: 240_000 });
  const clients = {} as Record<Role, APIRequestContext> & { albania: APIRequestContext };
  let origin = "";

  test.beforeAll(async ({ playwright, baseURL }) => {
    origin = baseURL!;
    const accounts: [keyof typeof clients, string | null][] = [["anonymous", null], ["observer", DEMO.ec], ["otherDelegate", DEMO.rs], ["secretariat", DEMO.secretariat], ["albania", DEMO.al]];
    for (const [name, email] of accounts) {
      clients[name] = await playwright.request.newContext({ baseURL });
      if (email) await signInWithRequest(clients[name], email);
    }
  });
  test.afterAll(async () => {
    for (const client of Object.values(clients)) await client.dispose();
  });

  /** What the secretariat can see of the row's own targets, to compare before and after refused calls. */
  async function snapshot({ watch = [], find }: Target): Promise<string> {
    const views = [];
    for (const url of watch) views.push(await (await clients.secretariat.get(url)).text());
    if (find) {
      const list = ((await (await clients.secretariat.get(find.url)).json()) as Record<string, Record<string, unknown>[]>)[find.key];
      views.push(JSON.stringify(list.find((entry) => entry[find.field] === find.value) ?? null));
    }
    return views.join("\n");
  }

  async function call(role: Role, method: string, { path: url, body }: Target): Promise<number> {
    if (url.endsWith("/events")) {
      // A server-sent event stream never ends: read the status, then hang up.
      const cookies = (await clients[role].storageState()).cookies.map((cookie) => `${cookie.name}=${cookie.value}`).join("; ");
      const controller = new AbortController();
      const response = await fetch(new URL(url, origin), { headers: { cookie: cookies }, signal: controller.signal });
      controller.abort();
      return response.status;
    }
    const response = await clients[role].fetch(url, { method, data: body, maxRedirects: 0 });
    return response.status();
  }

  for (const row of ROWS) {
    test(`${row.method} ${row.route}`, async () => {
      const target = await row.setup({ secretariat: clients.secretariat, albania: clients.albania });
      const refused = ROLES.filter((role) => row.expected[role] >= 400);
      const before = await snapshot(target);
      for (const role of refused) expect(await call(role, row.method, target), `${role} ${row.method} ${target.path}`).toBe(row.expected[role]);
      expect(await snapshot(target), "refused calls changed nothing").toBe(before);
      for (const role of ROLES.filter((candidate) => !refused.includes(candidate))) {
        expect(await call(role, row.method, target), `${role} ${row.method} ${target.path}`).toBe(row.expected[role]);
      }
    });
  }
});
