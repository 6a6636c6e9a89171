import fs from "node:fs";
import path from "node:path";
import { type APIRequestContext } from "@playwright/test";
import { expect, test } from "./fixtures/test";
import { DEMO, signInWithRequest } from "./fixtures/accounts";
import { uniqueTitle } from "./fixtures/editor";

/**
 * Every exported server action, replayed over HTTP as a browser would post it (`Next-Action` header,
 * React's multipart argument encoding), looked up by file and export name in the server's
 * server-reference manifest. The test lists the actions files' exports, so an action without a row fails.
 *
 * Every action is replayed anonymously (it must ask for sign-in and change nothing). The actions that
 * create, invite, deactivate or open something are also replayed as an observer and as Serbia's delegate
 * against real targets, with the state checked unchanged; the rest act on targets (agenda items,
 * attendance, minutes) whose role rules lib/policy.test.ts and lib/meetings tests cover row by row.
 */

type Role = "anonymous" | "observer" | "otherDelegate";
type Clients = Record<Role | "secretariat", APIRequestContext>;
/** `state`: what the secretariat sees of the target, which the refused calls must leave unchanged. */
type Replay = { page: string; fields: Record<string, string>; state: (secretariat: APIRequestContext) => Promise<string> };
type ActionRow = {
  file: string;
  name: string;
  /** For actions whose arguments are not (previous state, form data). */
  args?: unknown[];
  /** A real target, for the rows replayed as observer and as another economy's delegate. */
  replay?: (clients: Clients) => Promise<Replay>;
  /** What an anonymous call answers, when it is not "Please sign in." (actions whose credential is a token). */
  anonymousAnswer?: string;
};

const SIGN_IN = "Please sign in.";
const FORBIDDEN = "You are not allowed to do this.";
const MEETINGS = "app/(workspace)/meetings/actions.ts";
const SIGN_OFF = "app/(workspace)/documents/[documentId]/sign-off/actions.ts";
const NOTIFICATIONS = "app/(workspace)/notifications/actions.ts";

/** One entry of a list the secretariat reads, found by a field; lists are shared with other tests, so never compared whole. */
async function entryOf(secretariat: APIRequestContext, url: string, key: string, field: string, value: string): Promise<string> {
  const list = ((await (await secretariat.get(url)).json()) as Record<string, Record<string, unknown>[]>)[key];
  return JSON.stringify(list.find((entry) => entry[field] === value) ?? null);
}

async function newDocument(secretariat: APIRequestContext): Promise<string> {
  const response = await secretariat.post("/api/documents", { data: { title: uniqueTitle("Action target"), template: "blank" } });
  expect(response.status()).toBe(200);
  return ((await response.json()) as { id: string }).id;
}

const ROWS: ActionRow[] = [
  ...[
    "createMeetingAction", "updateMeetingAction", "cancelMeetingAction", "addAgendaItemAction", "updateAgendaItemAction", "removeAgendaItemAction", "recordAttendanceAction",
    "confirmAttendanceAction", "startMinutesAction", "circulateMinutesAction", "approveMinutesAction", "addDecisionAction", "removeDecisionAction",
    "addActionItemAction", "removeActionItemAction", "setActionItemStatusAction",
  ].map((name) => ({ file: MEETINGS, name })),
  { file: MEETINGS, name: "reorderAgendaAction", args: ["any-meeting", ["a", "b"]] },
  { file: MEETINGS, name: "createCalendarSubscriptionAction", args: [] },
  { file: MEETINGS, name: "revokeCalendarSubscriptionAction", args: [] },
  {
    file: "app/(workspace)/documents/actions.ts", name: "createDocumentAction",
    replay: async () => {
      const title = uniqueTitle("Forged by action");
      return { page: "/documents", fields: { title, template: "blank" }, state: (secretariat) => entryOf(secretariat, "/api/documents", "documents", "title", title) };
    },
  },
  {
    file: "app/(workspace)/documents/[documentId]/versions/actions.ts", name: "createVersionAction",
    replay: async ({ secretariat }) => { const documentId = await newDocument(secretariat); return { page: `/documents/${documentId}/versions`, fields: { documentId, name: "Forged version", kind: "version" }, state: async (secretariat) => (await secretariat.get(`/api/documents/${documentId}/versions`)).text() }; },
  },
  {
    file: SIGN_OFF, name: "openRoundAction",
    replay: async ({ secretariat }) => {
      const documentId = await newDocument(secretariat);
      const version = (await (await secretariat.post(`/api/documents/${documentId}/versions`, { data: { name: "Draft" } })).json()) as { version?: { id: string }; id?: string };
      return { page: `/documents/${documentId}/sign-off`, fields: { documentId, versionId: version.version?.id ?? version.id! }, state: async (secretariat) => (await secretariat.get(`/api/documents/${documentId}/rounds`)).text() };
    },
  },
  { file: SIGN_OFF, name: "closeRoundAction" },
  { file: SIGN_OFF, name: "reopenRoundAction" },
  { file: SIGN_OFF, name: "recordSignOffAction" },
  {
    file: "app/(workspace)/people/actions.ts", name: "inviteUserAction",
    replay: async () => {
      const email = `forged-action-${Date.now()}@example.org`;
      return { page: "/people", fields: { name: "Forged Person", email, role: "OBSERVER", organisationCode: "EC" }, state: (secretariat) => entryOf(secretariat, "/api/people", "people", "email", email) };
    },
  },
  {
    file: "app/(workspace)/people/actions.ts", name: "setAccountActiveAction",
    replay: async ({ secretariat }) => {
      const invited = await secretariat.post("/api/people", { data: { name: "Action Target", email: `action-target-${Date.now()}@example.org`, role: "DELEGATE", organisationCode: "ME" } });
      const { userId } = (await invited.json()) as { userId: string };
      return { page: "/people", fields: { userId, activate: "false" }, state: (secretariat) => entryOf(secretariat, "/api/people", "people", "id", userId) };
    },
  },
  // Needs no session: the invitation token is the credential, so an unknown one is refused to everyone.
  { file: "app/invite/[token]/actions.ts", name: "acceptInvitationAction", anonymousAnswer: "This invitation link is not valid." },
  ...["markAllReadAction", "openNotificationAction", "setPreferenceAction"].map((name) => ({ file: NOTIFICATIONS, name })),
  // The email footer's link: the signed token is the credential, so an unknown one changes nothing for anyone.
  { file: "app/email-preferences/[token]/actions.ts", name: "setPreferenceByTokenAction", anonymousAnswer: "This link is not valid." },
  // Reads where a new session lands; without a session that is the sign-in page.
  { file: "app/login/actions.ts", name: "landingPathAction", args: [], anonymousAnswer: "/login" },
];

const ACTION_FILES = [
  MEETINGS, SIGN_OFF, NOTIFICATIONS, "app/(workspace)/documents/actions.ts", "app/(workspace)/documents/[documentId]/versions/actions.ts", "app/(workspace)/people/actions.ts",
  "app/invite/[token]/actions.ts", "app/email-preferences/[token]/actions.ts", "app/login/actions.ts",
];

function exportedActions(): string[] {
  const root = path.resolve(__dirname, "..");
  const files = fs.readdirSync(path.join(root, "app"), { recursive: true, encoding: "utf8" }).filter((file) => path.basename(file) === "actions.ts").map((file) => `app/${file.split(path.sep).join("/")}`);
  expect(files.sort()).toEqual([...ACTION_FILES].sort());
  return files.flatMap((file) => [...fs.readFileSync(path.join(root, file), "utf8").matchAll(/^export async function (\w+)/gm)].map((match) => `${file} ${match[1]}`)).sort();
}

test("every exported server action has a row", () => {
  expect(ROWS.map((row) => `${row.file} ${row.name}`).sort()).toEqual(exportedActions());
});

/** The action's id and a page it is registered on, from the running server's manifest. */
function findAction(file: string, name: string): { id: string; pageOf: string } | null {
  for (const manifest of [".next/dev/server/server-reference-manifest.json", ".next/server/server-reference-manifest.json"]) {
    const full = path.resolve(__dirname, "..", manifest);
    if (!fs.existsSync(full)) continue;
    const entries = (JSON.parse(fs.readFileSync(full, "utf8")) as { node: Record<string, { filename?: string; exportedName?: string; workers: Record<string, unknown> }> }).node;
    for (const [id, entry] of Object.entries(entries)) {
      if (entry.filename === file && entry.exportedName === name) return { id, pageOf: Object.keys(entry.workers)[0] };
    }
  }
  return null;
}

/** Posts an action as React does: part "0" holds the arguments, a FormData argument's fields are prefixed "_1_". */
async function replay(client: APIRequestContext, page: string, id: string, { fields, args }: { fields?: Record<string, string>; args?: unknown[] }): Promise<string> {
  // In React's order: the FormData argument's fields first, the root part "0" last (the server reads them in order).
  const multipart = new FormData();
  for (const [key, value] of Object.entries(fields ?? {})) multipart.append(`_1_${key}`, value);
  multipart.append("0", JSON.stringify(args ?? [{ status: "idle" }, "$K1"]));
  const response = await client.post(page, { headers: { "Next-Action": id, Accept: "text/x-component" }, multipart, maxRedirects: 0 });
  expect(response.status(), `${page} ${await response.text()}`).toBeLessThan(400);
  return response.text();
}

test.describe("server actions by role", () => {
  test.describe.configure({ timeout: 240_000 });
  const clients = {} as Clients;
  let documentId = "";

  test.beforeAll(async ({ playwright, baseURL }) => {
    for (const [role, email] of [["anonymous", null], ["observer", DEMO.ec], ["otherDelegate", DEMO.rs], ["secretariat", DEMO.secretariat]] as const) {
      clients[role] = await playwright.request.newContext({ baseURL });
      if (email) await signInWithRequest(clients[role], email);
    }
    documentId = await newDocument(clients.secretariat);
    // Rendering each page once registers its actions in the manifest (the development server compiles on demand).
    const token = "abcdefghijklmnopqrstuvwxyz0123456789";
    for (const page of ["/documents", "/meetings", "/people", `/documents/${documentId}/sign-off`, `/documents/${documentId}/versions`, `/invite/${token}`, "/notifications", `/email-preferences/${token}`, "/login"]) {
      expect((await clients.secretariat.get(page)).status()).toBeLessThan(500);
    }
  });
  test.afterAll(async () => {
    for (const client of Object.values(clients)) await client.dispose();
  });

  /** The page path to post to: the manifest names the route ("app/(workspace)/documents/[documentId]/sign-off/page"). */
  function pagePath(pageOf: string): string {
    return pageOf
      .replace(/^app/, "")
      .replace(/\/page$/, "")
      .replace(/\/\([^)]+\)/g, "")
      .replace("[documentId]", documentId)
      .replaceAll("[token]", "abcdefghijklmnopqrstuvwxyz0123456789") || "/";
  }

  for (const row of ROWS) {
    test(`${row.name} (${row.file})`, async () => {
      const action = findAction(row.file, row.name);
      expect(action, `${row.name} is in the server's manifest`).not.toBeNull();
      const page = pagePath(action!.pageOf);
      const anonymous = await replay(clients.anonymous, page, action!.id, { args: row.args });
      expect(anonymous).toContain(row.anonymousAnswer ?? SIGN_IN);

      if (!row.replay) return;
      const target = await row.replay(clients);
      const before = await target.state(clients.secretariat);
      for (const role of ["anonymous", "observer", "otherDelegate"] as const) {
        const answer = await replay(clients[role], target.page, action!.id, { fields: target.fields });
        expect(answer, `${role} ${row.name}`).toContain(role === "anonymous" ? SIGN_IN : FORBIDDEN);
      }
      expect(await target.state(clients.secretariat), "refused calls changed nothing").toBe(before);
    });
  }
});
