import { expect, test, type APIRequest, type APIRequestContext, type Locator, type Page } from "@playwright/test";
import { DEMO, openAs, signInWithRequest } from "./fixtures/accounts";
import { cancelMeetingsTitled, findMemorandum, insertMeeting, insertThread, openE2eDatabase, resolveThread, userIdOf } from "./fixtures/database";

const STATUSES = ["open", "answered", "resolved"] as const;
type Counts = Record<(typeof STATUSES)[number], number>;

async function apiAs(playwright: { request: APIRequest }, baseURL: string, email: string): Promise<APIRequestContext> {
  const request = await playwright.request.newContext({ baseURL });
  await signInWithRequest(request, email);
  return request;
}

/** The per-economy thread counts as the page's table shows them. */
async function threadCounts(page: Page, economy: string): Promise<Counts> {
  const row = page.getByTestId("thread-counts").locator(`tbody tr[data-economy="${economy}"]`);
  const read = async (status: string) => Number(await row.locator(`td[data-status="${status}"]`).innerText());
  return { open: await read("open"), answered: await read("answered"), resolved: await read("resolved") };
}

const signOffRow = (page: Page, economy: string): Locator => page.getByTestId("latest-round").locator(`tbody tr[data-economy="${economy}"]`);

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
    const database = openE2eDatabase();
    const memorandum = await findMemorandum(database);
    const observer = await openAs(browser, DEMO.ec, "/");
    await expect(observer).toHaveURL("/progress");
    await expect(observer.getByTestId("memorandum-title")).toHaveText(memorandum.title);
    const before = { AL: await threadCounts(observer, "AL"), XK: await threadCounts(observer, "XK"), RS: await threadCounts(observer, "RS") };

    // Threads on the MoU by three economies (other specs never touch these economies' threads on the MoU).
    const author = { AL: await userIdOf(database, DEMO.al), XK: await userIdOf(database, DEMO.xk), RS: await userIdOf(database, DEMO.rs) };
    const added: [keyof typeof author, "OPEN" | "ANSWERED" | "RESOLVED"][] = [["AL", "OPEN"], ["AL", "OPEN"], ["AL", "ANSWERED"], ["XK", "OPEN"], ["RS", "RESOLVED"]];
    for (const [code, status] of added) await insertThread(database, { documentId: memorandum.id, organisationCode: code, authorId: author[code], status });

    // A sign-off round on a new version of the MoU, through the sign-off API.
    const secretariat = await apiAs(playwright, baseURL!, DEMO.secretariat);
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

    // A meeting under way now is the next meeting, whatever else is scheduled later.
    await cancelMeetingsTitled(database, "Progress check meeting ");
    const meetingTitle = `Progress check meeting ${Date.now()}`;
    await insertMeeting(database, {
      title: meetingTitle,
      startsAt: new Date(Date.now() - 60_000),
      endsAt: new Date(Date.now() + 3 * 3600_000),
      createdById: await userIdOf(database, DEMO.secretariat),
    });

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

    await secretariat.dispose();
    database.close();
    await observer.context().close();
  });

  test("after a delegate resolves a thread, the observer's counts change on reload", async ({ browser }) => {
    const database = openE2eDatabase();
    const memorandum = await findMemorandum(database);
    const delegateId = await userIdOf(database, DEMO.me);
    const threadId = await insertThread(database, { documentId: memorandum.id, organisationCode: "ME", authorId: delegateId, status: "OPEN" });

    const observer = await openAs(browser, DEMO.ec, "/progress");
    const before = await threadCounts(observer, "ME");
    expect(before.open).toBeGreaterThan(0);

    await resolveThread(database, { threadId, resolvedById: delegateId });
    await observer.reload();
    expect(await threadCounts(observer, "ME")).toEqual({ open: before.open - 1, answered: before.answered, resolved: before.resolved + 1 });
    database.close();
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
