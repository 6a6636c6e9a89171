import { createHash } from "node:crypto";
import { type Browser, type Locator, type Page } from "@playwright/test";
import { expect, test } from "./fixtures/test";
import { DEMO, apiAs, openAs } from "./fixtures/accounts";
import { createTestDocument, uniqueTitle } from "./fixtures/editor";
import { replaceLiveText } from "./fixtures/document-text";

async function recordPosition(page: Page, position: string, details: { label: string; text: string } | null) {
  await page.getByRole("radio", { name: position, exact: true }).check();
  if (details) await page.getByRole("textbox", { name: details.label }).fill(details.text);
  await page.getByRole("button", { name: "Record position" }).click();
  await expect(page.getByRole("status")).toHaveText(`Recorded: ${position}.`);
  // The form keeps showing what was just recorded (it used to reset beside "Current position").
  await expect(page.getByRole("radio", { name: position, exact: true })).toBeChecked();
  if (details) await expect(page.getByRole("textbox", { name: details.label })).toHaveValue(details.text);
  await expect(page.getByRole("button", { name: "Change position" })).toBeVisible();
  await page.reload();
  await expect(page.getByRole("radio", { name: position, exact: true })).toBeChecked();
}

const cell = (matrix: Locator, economy: string) => matrix.locator(`td[data-economy="${economy}"]`);

/** A cell's <time> must be a real, recent moment: the position was recorded during this test. */
async function expectRecentTime(locator: Locator) {
  const time = locator.locator("time").first();
  await expect(time).toBeVisible();
  const recordedAt = Date.parse((await time.getAttribute("datetime")) ?? "");
  expect(Math.abs(Date.now() - recordedAt)).toBeLessThan(10 * 60_000);
}

async function close(...pages: Page[]) {
  for (const page of pages) await page.context().close();
}

async function openSignOff(browser: Browser, email: string, documentId: string) {
  return openAs(browser, email, `/documents/${documentId}/sign-off`);
}

test.describe("versions and sign-off", () => {
  test("the secretariat saves Draft 1 and opens a round; three economies record; everyone sees the same matrix", async ({ browser, playwright, baseURL }) => {
    const secretariatApi = await apiAs(playwright, baseURL!, DEMO.secretariat);
    const documentId = await createTestDocument(secretariatApi, { title: uniqueTitle("Sign-off matrix"), template: "memorandum", kind: "MOU" });

    // The secretariat saves the live text as a named version.
    const secretariat = await openAs(browser, DEMO.secretariat, `/documents/${documentId}/versions`);
    await expect(secretariat.getByText("No versions saved yet")).toBeVisible();
    await secretariat.getByLabel("Name").fill("Draft 1");
    await secretariat.getByRole("button", { name: "Save version" }).click();
    await expect(secretariat.getByRole("status")).toHaveText("Saved v1 “Draft 1”.");
    const versions = secretariat.getByTestId("versions");
    await expect(versions.getByRole("link", { name: "Draft 1" })).toBeVisible();
    const [draftOne] = (await (await secretariatApi.get(`/api/documents/${documentId}/versions`)).json()).versions;
    expect(draftOne).toMatchObject({ number: 1, name: "Draft 1", isCheckpoint: false });
    expect(draftOne.digest).toMatch(/^[0-9a-f]{64}$/);

    // ... and opens a sign-off round on it.
    await secretariat.getByRole("link", { name: "Sign-off", exact: true }).click();
    await expect(secretariat.getByLabel("Version to sign off")).toHaveValue(draftOne.id);
    await secretariat.getByRole("button", { name: "Open sign-off round" }).click();
    const secretariatMatrix = secretariat.getByTestId("sign-off-matrix");
    await expect(secretariatMatrix.getByRole("columnheader", { name: /Round 1/ })).toContainText("Open");

    // Albania approves, Serbia approves with a reservation, North Macedonia is not ready.
    const albania = await openSignOff(browser, DEMO.al, documentId);
    await expect(albania.getByTestId("record-own")).toContainText("Position of Albania in round 1");
    await recordPosition(albania, "Approves", null);
    const serbia = await openSignOff(browser, DEMO.rs, documentId);
    await recordPosition(serbia, "Approves with reservation", { label: "Reservation", text: "Article 4 applies once the Law on Electronic Documents is amended." });
    const macedonia = await openSignOff(browser, DEMO.mk, documentId);
    await recordPosition(macedonia, "Not ready", { label: "Reason (optional)", text: "Awaiting the opinion of the Ministry of Justice." });

    // The matrix shows each position with who, when and the digest of Draft 1.
    await albania.reload();
    const matrix = albania.getByTestId("sign-off-matrix");
    const expected = [
      { economy: "AL", position: "APPROVE", label: "Approves", name: "Elira Hoxha", text: null },
      { economy: "RS", position: "APPROVE_WITH_RESERVATION", label: "Approves with reservation", name: "Nikola Petrović", text: "Reservation: Article 4 applies once the Law on Electronic Documents is amended." },
      { economy: "MK", position: "NOT_READY", label: "Not ready", name: "Elena Stojanovska", text: "Reason: Awaiting the opinion of the Ministry of Justice." },
    ];
    for (const row of expected) {
      const entry = cell(matrix, row.economy);
      await expect(entry).toHaveAttribute("data-position", row.position);
      await expect(entry).toContainText(row.label);
      await expect(entry).toContainText(row.name);
      if (row.text) await expect(entry).toContainText(row.text);
      await expect(entry.locator(`[data-digest="${draftOne.digest}"]`)).toContainText(draftOne.digest.slice(0, 12));
      await expectRecentTime(entry);
    }
    for (const economy of ["BA", "XK", "ME"]) await expect(cell(matrix, economy)).toHaveText("No position yet");
    await expect(matrix.getByRole("rowheader", { name: "Kosovo*" })).toBeVisible();
    await expect(albania.getByText(/^\*This designation is without prejudice/)).toBeVisible();

    // An observer sees exactly the same matrix, and nothing to act with.
    const observer = await openSignOff(browser, DEMO.ec, documentId);
    const observerMatrix = observer.getByTestId("sign-off-matrix");
    await expect(cell(observerMatrix, "RS")).toContainText("Reservation: Article 4 applies");
    expect(await observerMatrix.innerText()).toBe(await matrix.innerText());
    await expect(observer.locator("main form")).toHaveCount(0);
    await expect(observer.locator("main").getByRole("button")).toHaveCount(0);
    await expect(observer.locator("main").getByRole("radio")).toHaveCount(0);
    await observer.goto(`/documents/${documentId}/versions`);
    await expect(observer.getByTestId("versions")).toContainText("Draft 1");
    await expect(observer.locator("main form")).toHaveCount(0);

    await close(secretariat, albania, serbia, macedonia, observer);
    await secretariatApi.dispose();
  });

  test("after an edit and Draft 2 the comparison shows exactly the changed words, and Albania's approval stays with Draft 1", async ({ browser, playwright, baseURL }) => {
    const secretariatApi = await apiAs(playwright, baseURL!, DEMO.secretariat);
    const albaniaApi = await apiAs(playwright, baseURL!, DEMO.al);
    const documentId = await createTestDocument(secretariatApi, { title: uniqueTitle("Sign-off comparison"), template: "memorandum", kind: "MOU" });
    const draftOne = await (await secretariatApi.post(`/api/documents/${documentId}/versions`, { data: { name: "Draft 1" } })).json();
    const round = await (await secretariatApi.post(`/api/documents/${documentId}/rounds`, { data: { versionId: draftOne.id } })).json();
    expect((await albaniaApi.post(`/api/rounds/${round.id}/sign-offs`, { data: { position: "APPROVE" } })).status()).toBe(200);

    // A collaborator changes two words of the Governance article.
    await replaceLiveText(playwright, baseURL!, documentId, "at least twice a year", "at least three times a year");

    const secretariat = await openAs(browser, DEMO.secretariat, `/documents/${documentId}/versions`);
    await secretariat.getByLabel("Name").fill("Draft 2");
    await secretariat.getByRole("button", { name: "Save version" }).click();
    await expect(secretariat.getByRole("status")).toHaveText("Saved v2 “Draft 2”.");

    // Draft 2's row offers the changes since v1.
    await secretariat.locator('[data-version="2"]').getByRole("link", { name: "Changes since v1" }).click();
    await expect(secretariat.getByTestId("compared-from")).toContainText("v1 · Draft 1");
    await expect(secretariat.getByTestId("compared-to")).toContainText("v2 · Draft 2");
    const summary = secretariat.getByTestId("change-summary");
    await expect(summary).toContainText("2 words inserted and 1 word deleted in 1 part of the text");
    await expect(summary.getByRole("listitem")).toHaveCount(1);
    await expect(summary.getByRole("listitem")).toContainText("Governance");
    const inline = secretariat.getByTestId("inline-diff");
    await expect(inline.locator("ins")).toHaveText(["three times"]);
    await expect(inline.locator("del")).toHaveText(["twice"]);
    await expect(inline.locator('[data-change="changed"]')).toHaveText("3. The Working Group shall meet at least twicethree times a year and shall adopt its rules of procedure at its first meeting.");

    await secretariat.getByRole("link", { name: "Side by side" }).click();
    const sideBySide = secretariat.getByTestId("side-by-side-diff");
    await expect(sideBySide.locator("td:nth-child(1) del")).toHaveText(["twice"]);
    await expect(sideBySide.locator("td:nth-child(2) ins")).toHaveText(["three times"]);
    await expect(sideBySide.locator("td:nth-child(1) ins")).toHaveCount(0);
    await expect(sideBySide.locator("td:nth-child(2) del")).toHaveCount(0);

    // Albania's approval is bound to Draft 1 and its digest, and says the text has moved on.
    const albania = await openSignOff(browser, DEMO.al, documentId);
    const matrix = albania.getByTestId("sign-off-matrix");
    const albanianCell = cell(matrix, "AL");
    await expect(albanianCell).toContainText("Approves");
    await expect(albanianCell).toContainText("On v1");
    await expect(albanianCell.locator(`[data-digest="${draftOne.digest}"]`)).toBeVisible();
    const draftTwo = (await (await albaniaApi.get(`/api/documents/${documentId}/versions`)).json()).versions.find((version: { number: number }) => version.number === 2);
    expect(draftTwo.digest).not.toBe(draftOne.digest);
    await expect(matrix.locator(`[data-digest="${draftTwo.digest}"]`)).toHaveCount(0);
    await albania.getByTestId("live-text-changed").click();
    await expect(albania.getByTestId("compared-from")).toContainText("v1 · Draft 1");
    await expect(albania.getByTestId("compared-to")).toContainText("Live text");
    await expect(albania.getByTestId("inline-diff").locator("ins")).toHaveText(["three times"]);

    await albania.goto(`/documents/${documentId}/versions`);
    await expect(albania.locator('[data-version="1"]').getByTestId("version-sign-offs")).toHaveText("AL: Approves");
    await expect(albania.locator('[data-version="2"]').getByTestId("version-sign-offs")).toHaveText("No sign-off round on this version");

    await close(secretariat, albania);
    await secretariatApi.dispose();
    await albaniaApi.dispose();
  });

  test("a delegate cannot record for another economy, reopen a closed round or alter a version: 403 and nothing changes", async ({ playwright, baseURL }) => {
    const secretariatApi = await apiAs(playwright, baseURL!, DEMO.secretariat);
    const albaniaApi = await apiAs(playwright, baseURL!, DEMO.al);
    const observerApi = await apiAs(playwright, baseURL!, DEMO.cefta);
    const documentId = await createTestDocument(secretariatApi, { title: uniqueTitle("Sign-off refusals"), template: "memorandum", kind: "MOU" });
    const draftOne = await (await secretariatApi.post(`/api/documents/${documentId}/versions`, { data: { name: "Draft 1" } })).json();
    const round = await (await secretariatApi.post(`/api/documents/${documentId}/rounds`, { data: { versionId: draftOne.id } })).json();
    expect((await albaniaApi.post(`/api/rounds/${round.id}/sign-offs`, { data: { position: "NOT_READY" } })).status()).toBe(200);

    const state = async () => ({
      matrix: await (await secretariatApi.get(`/api/documents/${documentId}/rounds`)).json(),
      versions: await (await secretariatApi.get(`/api/documents/${documentId}/versions`)).json(),
      version: await (await secretariatApi.get(`/api/documents/${documentId}/versions/${draftOne.id}`)).json(),
    });
    const before = await state();
    expect(before.version.verification.isIntact).toBe(true);
    // The downloadable content is byte for byte what the digest covers.
    const content = await observerApi.get(`/api/documents/${documentId}/versions/${draftOne.id}/content`);
    expect(createHash("sha256").update(await content.body()).digest("hex")).toBe(draftOne.digest);

    const refusals = [
      // Serbia's position, however the request is dressed up.
      await albaniaApi.post(`/api/rounds/${round.id}/sign-offs`, { data: { organisationCode: "RS", position: "APPROVE" } }),
      await albaniaApi.post(`/api/rounds/${round.id}/sign-offs`, { data: { organisationCode: "RS", position: "APPROVE", onBehalfReason: "Serbia asked me" } }),
      await albaniaApi.post(`/api/rounds/${round.id}/sign-offs`, {
        data: { organisationCode: "RS", position: "APPROVE", actor: { id: "x", name: "x", email: "x", role: "SECRETARIAT", organisationCode: "RCC", isActive: true } },
      }),
      await observerApi.post(`/api/rounds/${round.id}/sign-offs`, { data: { position: "APPROVE" } }),
      // The round's status and the versions belong to the secretariat.
      await albaniaApi.post(`/api/rounds/${round.id}/close`),
      await albaniaApi.post(`/api/documents/${documentId}/versions`, { data: { name: "Draft 1 (Albanian edit)" } }),
    ];
    for (const response of refusals) expect(response.status(), await response.text()).toBe(403);

    // Saved versions cannot be changed by anyone: the route has no method for it.
    for (const method of ["put", "patch", "delete"] as const) {
      const response = await albaniaApi[method](`/api/documents/${documentId}/versions/${draftOne.id}`, { data: { name: "Altered", content: "{}" } });
      expect(response.status()).toBe(405);
    }
    expect(await state()).toEqual(before);

    expect((await secretariatApi.post(`/api/rounds/${round.id}/close`)).status()).toBe(200);
    const closed = await state();
    const afterClose = [
      await albaniaApi.post(`/api/rounds/${round.id}/reopen`),
      await albaniaApi.post(`/api/rounds/${round.id}/sign-offs`, { data: { position: "APPROVE" } }),
      await albaniaApi.post(`/api/documents/${documentId}/rounds`, { data: { versionId: draftOne.id } }),
    ];
    for (const response of afterClose) expect(response.status(), await response.text()).toBe(403);
    expect(await state()).toEqual(closed);
    expect(closed.matrix.rounds[0]).toMatchObject({ status: "CLOSED", cells: { AL: { position: "NOT_READY" } } });

    await secretariatApi.dispose();
    await albaniaApi.dispose();
    await observerApi.dispose();
  });
});
