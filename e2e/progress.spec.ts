import { type APIRequestContext, type Locator, type Page } from "@playwright/test";
import { expect, test } from "./fixtures/test";
import { DateTime } from "luxon";
import { DEMO, apiAs, openAs } from "./fixtures/accounts";

const STATUSES = ["open", "answered", "resolved"] as const;
type Counts = Record<(typeof STATUSES)[number], number>;

/** The working group's MoU: its first MOU document, as the home and progress pages define it. */
async function findMemorandum(request: APIRequestContext): Promise<{ id: string; title: string }> {
  const { documents } = await (await request.get("/api/documents")).json();
  const memoranda = (documents as { id: string; title: string; kind: string; createdAt: string }[]).filter((document) => document.kind === "MOU");
  memoranda.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
  return memoranda[0];
}

/** Opens a comment thread as the signed-in delegate; returns its id. */
async function raiseThread(request: APIRequestContext, documentId: string, body: string): Promise<string> {
  const response = await request.post(`/api/documents/${documentId}/threads`, { data: { kind: "REMARK", quote: "the Participants", body } });
  expect(response.status(), await response.text()).toBe(200);
  return (await response.json()).thread.id;
}

/** The per-economy thread counts as the page's table shows them. */
async function threadCounts(page: Page, economy: string): Promise<Counts> {
  const row = page.getByTestId("thread-counts").locator(`tbody tr[data-economy="${economy}"]`);
  const read = async (status: string) => Number(await row.locator(`td[data-status="${status}"]`).innerText());
  return { open: await read("open"), answered: await read("answered"), resolved: await read("resolved") };
}

const signOffRow = (page: Page, economy: string): Locator => page.getByTestId("latest-round").locator(`tbody tr[data-economy="${economy}"]`);

/** A wall-clock time in the group's zone, as the meetings API takes it. */
const belgradeTime = (instant: DateTime) => instant.setZone("Europe/Belgrade").toFormat("yyyy-MM-dd'T'HH:mm");

/** Parses the export's rows into "section/economy/measure" → value. */
function csvFigures(text: string): Map<string, string> {
  const figures = new Map<string, string>();
  const lines = text.replace(/^\uFEFF/, "").trim().split("\r\n").slice(1);
  for (const line of lines) {
    // The figures read here (counts and positions) are never quoted.
    const [section, economy, , measure, value] = line.split(",");
    figures.set(`${section}/${economy}/${measure}`, value);
  }
  return figures;
}

test.describe("progress for observers", () => {
  test("the EC observer sees the MoU, each economy's threads, the latest sign-off round and the next meeting; the CSV has the same figures", async ({ browser, playwright, baseURL }) => {
    const secretariat = await apiAs(playwright, baseURL!, DEMO.secretariat);
    const memorandum = await findMemorandum(secretariat);
    const observer = await openAs(browser, DEMO.ec, "/");
    await expect(observer).toHaveURL("/progress");
    await expect(observer.getByTestId("memorandum-title")).toHaveText(memorandum.title);
    const before = { AL: await threadCounts(observer, "AL"), XK: await threadCounts(observer, "XK"), RS: await threadCounts(observer, "RS") };

    // Threads on the MoU through the comments API (other specs never touch these economies' threads on the MoU):
    // Albania raises three, one of which the secretariat answers; Kosovo* raises one; Serbia raises one and resolves it.
    const delegates = { AL: await apiAs(playwright, baseURL!, DEMO.al), XK: await apiAs(playwright, baseURL!, DEMO.xk), RS: await apiAs(playwright, baseURL!, DEMO.rs) };
    await raiseThread(delegates.AL, memorandum.id, "Article 3 should name the supervisory bodies.");
    await raiseThread(delegates.AL, memorandum.id, "Add ETSI TS 119 612 to the references.");
    const answered = await raiseThread(delegates.AL, memorandum.id, "Is the trusted list format binding?");
    expect((await secretariat.post(`/api/threads/${answered}/comments`, { data: { body: "Yes, from the second year." } })).status()).toBe(200);
    await raiseThread(delegates.XK, memorandum.id, "Kosovo* supports the preamble as drafted.");
    const settled = await raiseThread(delegates.RS, memorandum.id, "Typo in the preamble.");
    expect((await delegates.RS.post(`/api/threads/${settled}/resolve`)).status()).toBe(200);

    // A sign-off round on a new version of the MoU, through the sign-off API.
    const versionName = `Progress check ${Date.now()}`;
    const version = await secretariat.post(`/api/documents/${memorandum.id}/versions`, { data: { name: versionName } });
    expect(version.status()).toBe(200);
    const { id: versionId, number: versionNumber } = await version.json();
    const matrix = await (await secretariat.get(`/api/documents/${memorandum.id}/rounds`)).json();
    for (const round of matrix.rounds.filter((candidate: { status: string }) => candidate.status === "OPEN")) {
      expect((await secretariat.post(`/api/rounds/${round.id}/close`)).status()).toBe(200);
    }
    const opened = await secretariat.post(`/api/documents/${memorandum.id}/rounds`, { data: { versionId } });
    expect(opened.status()).toBe(200);
    const roundId = (await opened.json()).id;
    const reservation = "Article 4 applies once the Law on Electronic Documents is amended.";
    for (const [email, position] of [
      [DEMO.al, { position: "APPROVE" }],
      [DEMO.rs, { position: "APPROVE_WITH_RESERVATION", reservation }],
      [DEMO.mk, { position: "NOT_READY", reason: "Awaiting the Ministry of Justice." }],
    ] as const) {
      const delegate = await apiAs(playwright, baseURL!, email);
      expect((await delegate.post(`/api/rounds/${roundId}/sign-offs`, { data: position })).status()).toBe(200);
      await delegate.dispose();
    }

    // A meeting under way now is the next meeting, whatever else is scheduled later; a retry cancels its first attempt's.
    const meetingPrefix = "Progress check meeting";
    const { upcoming } = await (await secretariat.get("/api/meetings")).json();
    for (const earlier of upcoming.filter((meeting: { title: string; status: string }) => meeting.title.startsWith(meetingPrefix) && meeting.status === "SCHEDULED")) {
      expect((await secretariat.post(`/api/meetings/${earlier.id}/cancel`, { data: { reason: "Superseded by a new test run." } })).status()).toBe(200);
    }
    const meetingTitle = `${meetingPrefix} ${Date.now()}`;
    const scheduled = await secretariat.post("/api/meetings", {
      data: {
        title: meetingTitle,
        startsAt: belgradeTime(DateTime.now().minus({ minutes: 1 })),
        endsAt: belgradeTime(DateTime.now().plus({ hours: 3 })),
        timeZone: "Europe/Belgrade",
        format: "IN_PERSON",
        venue: "RCC Secretariat, Sarajevo",
      },
    });
    expect(scheduled.status(), await scheduled.text()).toBe(200);

    await observer.reload();
    expect(await threadCounts(observer, "AL")).toEqual({ open: before.AL.open + 2, answered: before.AL.answered + 1, resolved: before.AL.resolved });
    expect(await threadCounts(observer, "XK")).toEqual({ ...before.XK, open: before.XK.open + 1 });
    expect(await threadCounts(observer, "RS")).toEqual({ ...before.RS, resolved: before.RS.resolved + 1 });
    await expect(observer.getByTestId("threads-chart").locator("svg.recharts-surface")).toBeVisible();

    const round = observer.getByTestId("latest-round");
    await expect(round.locator("caption")).toContainText(`v${versionNumber} · ${versionName}`);
    await expect(round.locator("caption")).toContainText("open since");
    await expect(signOffRow(observer, "AL")).toHaveAttribute("data-position", "APPROVE");
    await expect(signOffRow(observer, "AL")).toContainText("Elira Hoxha");
    await expect(signOffRow(observer, "RS")).toHaveAttribute("data-position", "APPROVE_WITH_RESERVATION");
    await expect(signOffRow(observer, "RS")).toContainText(reservation);
    await expect(signOffRow(observer, "MK")).toHaveAttribute("data-position", "NOT_READY");
    for (const code of ["BA", "XK", "ME"]) await expect(signOffRow(observer, code)).toContainText("No position yet");
    await expect(observer.getByTestId("current-version")).toHaveText(`v${versionNumber} · ${versionName}`);

    const next = observer.getByTestId("next-meeting");
    await expect(next).toContainText(meetingTitle);
    await expect(next).toContainText("Under way now");
    await expect(observer.getByText(/This designation is without prejudice/).first()).toBeVisible();

    // The export, read right after the page, carries the page's figures.
    const response = await observer.request.get("/progress/export.csv");
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toContain("text/csv");
    expect(response.headers()["content-disposition"]).toMatch(/attachment; filename="accord-progress-\d{4}-\d{2}-\d{2}\.csv"/);
    const figures = csvFigures(await response.text());
    // Montenegro's threads belong to the next test, which may change them in between.
    for (const code of ["AL", "BA", "XK", "MK", "RS"]) {
      const shown = await threadCounts(observer, code);
      for (const status of STATUSES) expect(Number(figures.get(`comment_threads/${code}/${status}`)), `${code} ${status}`).toBe(shown[status]);
    }
    expect(figures.get("sign_off/RS/position")).toBe("APPROVE_WITH_RESERVATION");
    expect(figures.get("sign_off/BA/position")).toBe("NONE");

    for (const request of [secretariat, ...Object.values(delegates)]) await request.dispose();
    await observer.context().close();
  });

  test("after a delegate resolves a thread, the observer's counts change on reload", async ({ browser, playwright, baseURL }) => {
    const montenegro = await apiAs(playwright, baseURL!, DEMO.me);
    const memorandum = await findMemorandum(montenegro);
    const threadId = await raiseThread(montenegro, memorandum.id, "Montenegro asks to align Article 5 with the national law.");

    const observer = await openAs(browser, DEMO.ec, "/progress");
    const before = await threadCounts(observer, "ME");
    expect(before.open).toBeGreaterThan(0);

    expect((await montenegro.post(`/api/threads/${threadId}/resolve`)).status()).toBe(200);
    await observer.reload();
    expect(await threadCounts(observer, "ME")).toEqual({ open: before.open - 1, answered: before.answered, resolved: before.resolved + 1 });
    await montenegro.dispose();
    await observer.context().close();
  });

  test("the activity feed filters by who acted and by type, in sentences", async ({ browser, playwright, baseURL }) => {
    const secretariat = await apiAs(playwright, baseURL!, DEMO.secretariat);
    const title = `Activity check ${Date.now()}-${Math.random().toString(36).slice(2, 7)}`;
    const created = await secretariat.post("/api/documents", { data: { title, template: "memorandum", kind: "MOU" } });
    const documentId = (await created.json()).id;
    const { id: versionId } = await (await secretariat.post(`/api/documents/${documentId}/versions`, { data: { name: "Draft for the feed" } })).json();
    const { id: roundId } = await (await secretariat.post(`/api/documents/${documentId}/rounds`, { data: { versionId } })).json();
    const serbia = await apiAs(playwright, baseURL!, DEMO.rs);
    const recorded = await serbia.post(`/api/rounds/${roundId}/sign-offs`, { data: { position: "APPROVE_WITH_RESERVATION", reservation: "Article 2." } });
    expect(recorded.status()).toBe(200);

    const observer = await openAs(browser, DEMO.ec, "/progress/activity");
    await observer.getByLabel("Who acted").selectOption("RS");
    await observer.getByLabel("Type of activity").selectOption("signOff");
    await observer.getByRole("button", { name: "Show" }).click();
    await expect(observer).toHaveURL(/organisation=RS/);
    await expect(observer).toHaveURL(/type=signOff/);
    const entries = observer.getByTestId("activity").locator("li");
    await expect(entries.filter({ hasText: title })).toHaveText(new RegExp(`Nikola Petrović \\(Serbia\\) recorded “Approves with reservation” for Serbia on v1 of ${title}`));
    for (const organisation of await entries.evaluateAll((items) => items.map((item) => item.getAttribute("data-organisation")))) expect(organisation).toBe("RS");
    for (const action of await entries.evaluateAll((items) => items.map((item) => item.getAttribute("data-action")))) expect(action).toMatch(/^(round|signOff)\./);
    await expect(entries.filter({ hasText: title }).getByRole("link", { name: title })).toHaveAttribute("href", `/documents/${documentId}/sign-off`);

    // The secretariat's own actions on that document are under the secretariat, not Serbia.
    await observer.goto("/progress/activity?organisation=RCC&type=signOff");
    await expect(observer.getByTestId("activity").locator("li").filter({ hasText: title }).first()).toContainText("opened a sign-off round on v1");

    await secretariat.dispose();
    await serbia.dispose();
    await observer.context().close();
  });

  test("the brief prints as one A4 page with the key facts and every economy", async ({ browser }) => {
    const observer = await openAs(browser, DEMO.cefta, "/progress");
    await observer.getByRole("link", { name: "Print / Save as PDF" }).click();
    await expect(observer).toHaveURL("/progress/brief");
    const brief = observer.getByTestId("brief");
    await expect(brief.getByRole("heading", { level: 1 })).toHaveText("Progress brief");
    await expect(brief.getByTestId("key-facts")).toContainText("Next meeting");
    await expect(brief.getByTestId("economies-at-a-glance").locator("tbody tr")).toHaveCount(6);
    await expect(brief.getByText(/This designation is without prejudice/)).toBeVisible();
    await expect(observer.getByRole("button", { name: "Print or save as PDF" })).toBeVisible();

    await observer.emulateMedia({ media: "print" });
    await expect(observer.getByRole("button", { name: "Print or save as PDF" })).toBeHidden();
    const pdf = (await observer.pdf({ preferCSSPageSize: true, printBackground: true })).toString("latin1");
    expect(pdf.match(/\/Type\s*\/Page[^s]/g)).toHaveLength(1);
    await observer.context().close();
  });
});
