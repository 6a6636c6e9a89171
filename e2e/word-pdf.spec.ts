import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { expect, test } from "./fixtures/test";
import JSZip from "jszip";
import { DEMO, apiAs, openAs } from "./fixtures/accounts";
import { commentOn, expectAnchorStored } from "./fixtures/comments";
import { createTestDocument, documentBody, saveStatus, uniqueTitle } from "./fixtures/editor";

// Written by LibreOffice (see lib/imports/import.test.ts): two articles, two footnotes, a table.
const FIXTURE = path.join(__dirname, "..", "lib", "imports", "fixtures", "word-fixture.docx");
const DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

const upload = (name: string, buffer: Buffer, mimeType = DOCX_TYPE) => ({ multipart: { file: { name, mimeType, buffer } } });
// The development server compiles a page or route on its first request, which takes long on a busy machine.
const FIRST_VISIT = { timeout: process.env.E2E_MODE === "dev" ? 120_000 : 10_000 };

test.describe("Word and PDF", () => {
  // Typesetting a PDF and reading a Word file take a few seconds on top of the page loads.
  test.describe.configure({ timeout: 180_000 });

  test("the secretariat imports a Word file through the page, sees the report, then creates the document", async ({ browser }) => {
    const page = await openAs(browser, DEMO.secretariat, "/documents");
    await page.getByRole("link", { name: "Import from Word" }).click();
    await expect(page.getByRole("heading", { name: "Import from Word", level: 1 })).toBeVisible();

    // Bad input first: a text file named .docx is refused with its reason, and nothing is offered to create.
    await page.getByLabel("Word document (.docx, up to 20 MB)").setInputFiles({ name: "notes.docx", mimeType: DOCX_TYPE, buffer: Buffer.from("plain text, not a Word file") });
    await page.getByRole("button", { name: "Check the file" }).click();
    await expect(page.getByTestId("import-error")).toHaveText("This file is not a Word document (.docx).");
    await expect(page.getByTestId("import-report")).toHaveCount(0);

    await page.getByLabel("Word document (.docx, up to 20 MB)").setInputFiles(FIXTURE);
    await page.getByRole("button", { name: "Check the file" }).click();
    const report = page.getByTestId("import-report");
    await expect(report).toBeVisible();
    await expect(report.getByRole("definition").first()).toHaveText("2");
    await expect(report).toContainText("Notes2");
    await expect(report).toContainText("Everything in the file has a place in Accord.");
    const title = `Imported ${Date.now()}`;
    await page.getByLabel("Title of the new document").fill(title);
    await page.getByRole("button", { name: "Create the document" }).click();
    await expect(page).toHaveURL(/\/documents\/[a-z0-9]+$/);
    await expect(page.getByRole("heading", { name: title, level: 1 })).toBeVisible();
    await expect(page.locator(".document-body h2[data-article]").first()).toContainText("Purpose");
    await page.context().close();
  });

  test("an observer cannot import, on the page or through the API", async ({ browser, playwright, baseURL }) => {
    const page = await openAs(browser, DEMO.ec, "/documents/import");
    await expect(page.getByText("Only the RCC secretariat imports documents")).toBeVisible();
    await expect(page.getByLabel("Word document (.docx, up to 20 MB)")).toHaveCount(0);
    await page.goto("/documents");
    await expect(page.getByRole("link", { name: "Import from Word" })).toHaveCount(0);
    const observer = await apiAs(playwright, baseURL!, DEMO.ec);
    const response = await observer.post("/api/documents/import", upload("mou.docx", fs.readFileSync(FIXTURE)));
    expect(response.status()).toBe(403);
    await observer.dispose();
    await page.context().close();
  });

  test("bad uploads are refused through the API with their reason, and the server keeps serving", async ({ playwright, baseURL }) => {
    const secretariat = await apiAs(playwright, baseURL!, DEMO.secretariat);
    // A title of its own: other tests create documents at the same time, so a count of all of them would not do.
    const title = `Must not exist ${Date.now()}`;
    const macros = new JSZip();
    macros.file("[Content_Types].xml", '<Types><Override PartName="/word/document.xml" ContentType="application/vnd.ms-word.document.macroEnabled.main+xml"/></Types>');
    macros.file("word/vbaProject.bin", "macro code");
    const ole = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    const cases: [string, Buffer, RegExp][] = [
      ["not-word.docx", Buffer.from("%PDF-1.7"), /not a Word document/],
      ["corrupt.docx", fs.readFileSync(FIXTURE).subarray(0, 1500), /damaged/],
      ["locked.docx", Buffer.concat([ole, Buffer.alloc(504), Buffer.from("EncryptionInfo", "utf16le")]), /password-protected/],
      ["macros.docm", await macros.generateAsync({ type: "nodebuffer" }), /contains macros/],
      ["huge.docx", Buffer.alloc(21 * 1024 * 1024), /larger than 20 MB/],
    ];
    for (const [name, buffer, message] of cases) {
      const response = await secretariat.post("/api/documents/import", { multipart: { file: { name, mimeType: DOCX_TYPE, buffer }, confirm: "true", title } });
      expect(response.status(), name).toBe(400);
      expect((await response.json()).error.message, name).toMatch(message);
    }
    const documents: { title: string }[] = (await (await secretariat.get("/api/documents")).json()).documents;
    expect(documents.filter((document) => document.title === title)).toEqual([]);
    expect((await secretariat.get("/api/health")).status()).toBe(200);
    await secretariat.dispose();
  });

  test("the secretariat replaces a draft's text from Word: an open editor sees it at once, the previous text is a checkpoint", async ({ browser, playwright, baseURL }) => {
    test.setTimeout(process.env.E2E_MODE === "dev" ? 600_000 : 180_000);
    const secretariat = await apiAs(playwright, baseURL!, DEMO.secretariat);
    const documentId = await createTestDocument(secretariat, { title: uniqueTitle("Replaced from Word"), template: "memorandum", kind: "OTHER" });
    // Albania's delegate has the draft open in the editor the whole time.
    const editor = await openAs(browser, DEMO.al, `/documents/${documentId}`);
    await expect(saveStatus(editor)).toHaveText("Saved");
    await expect(documentBody(editor)).toContainText("at least twice a year");

    const page = await openAs(browser, DEMO.secretariat, `/documents/${documentId}`);
    await page.getByRole("link", { name: "Replace from Word" }).click();
    await expect(page.getByRole("heading", { name: "Replace the text from Word", level: 1 })).toBeVisible(FIRST_VISIT);
    const fileField = page.getByLabel("Word document (.docx, up to 20 MB)");
    await fileField.setInputFiles({ name: "notes.docx", mimeType: DOCX_TYPE, buffer: Buffer.from("plain text, not a Word file") });
    await page.getByRole("button", { name: "Check the file" }).click();
    await expect(page.getByTestId("import-error")).toHaveText("This file is not a Word document (.docx).", FIRST_VISIT);
    await expect(page.getByTestId("import-report")).toHaveCount(0);

    await fileField.setInputFiles(FIXTURE);
    await page.getByRole("button", { name: "Check the file" }).click();
    const consequences = page.getByTestId("replace-consequences");
    await expect(consequences).toContainText("This replaces the whole text of");
    await expect(consequences).toContainText("saved first as a checkpoint, so it stays in the version history and can be compared");
    await page.getByRole("button", { name: "Replace the whole text" }).click();
    await expect(page.getByTestId("replace-done")).toContainText("The previous text is saved as checkpoint v1");

    // No reload: the open editor shows the Word file's text in place of the old one.
    await expect(documentBody(editor)).toContainText("This Memorandum sets up regional cooperation");
    await expect(documentBody(editor)).not.toContainText("at least twice a year");
    await expect(saveStatus(editor)).toHaveText("Saved");

    await page.getByRole("link", { name: "Compare the previous text with the new one" }).click();
    await expect(page.getByText("at least twice a year").first()).toBeVisible(FIRST_VISIT);

    // An observer is offered nothing and refused by the API.
    const observerPage = await openAs(browser, DEMO.ec, `/documents/${documentId}/import`);
    await expect(observerPage.getByText("Only the RCC secretariat replaces a text from Word")).toBeVisible(FIRST_VISIT);
    await expect(observerPage.getByLabel("Word document (.docx, up to 20 MB)")).toHaveCount(0);
    const observer = await apiAs(playwright, baseURL!, DEMO.ec);
    expect((await observer.post(`/api/documents/${documentId}/import`, { multipart: { file: { name: "mou.docx", mimeType: DOCX_TYPE, buffer: fs.readFileSync(FIXTURE) }, confirm: "true" } })).status()).toBe(403);
    await Promise.all([secretariat.dispose(), observer.dispose(), editor.context().close(), page.context().close(), observerPage.context().close()]);
  });

  test("a delegate downloads the signable PDF of the signed version from the version page", async ({ browser, playwright, baseURL }) => {
    const secretariat = await apiAs(playwright, baseURL!, DEMO.secretariat);
    const albania = await apiAs(playwright, baseURL!, DEMO.al);
    const documentId = await createTestDocument(secretariat, { title: uniqueTitle("PDF export"), template: "memorandum", kind: "OTHER" });
    const version = await (await secretariat.post(`/api/documents/${documentId}/versions`, { data: { name: "Text for signature" } })).json();
    const round = await (await secretariat.post(`/api/documents/${documentId}/rounds`, { data: { versionId: version.id } })).json();
    expect((await albania.post(`/api/rounds/${round.id}/sign-offs`, { data: { position: "APPROVE" } })).status()).toBe(200);

    const page = await openAs(browser, DEMO.rs, `/documents/${documentId}/versions/${version.id}`);
    await page.getByText("Download", { exact: true }).click();
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: /PDF with sign-off annex/ }).click()]);
    expect(download.suggestedFilename()).toMatch(/-v1-signable\.pdf$/);
    const file = await download.path();
    const text = execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" });
    expect(text).toContain("Article 1");
    expect(text).toMatch(/Albania\s{2,}Approves/);
    expect(text).toMatch(/Serbia\s{2,}No position recorded/);
    expect(text).toContain(version.digest);
    expect(text).toContain(`/documents/${documentId}/versions/${version.id}/verify`);
    await Promise.all([secretariat.dispose(), albania.dispose(), page.context().close()]);
  });

  test("a delegate downloads a version's Word file with tracked changes: the open suggestions it kept, under its clean digest", async ({ browser, playwright, baseURL }) => {
    const secretariat = await apiAs(playwright, baseURL!, DEMO.secretariat);
    const documentId = await createTestDocument(secretariat, { title: uniqueTitle("Tracked changes"), template: "memorandum", kind: "OTHER" });
    // Montenegro proposes wording in the editor (which anchors the passage in the text), the secretariat turns it into
    // Montenegro's suggestion, and a version is saved with it open.
    const editor = await openAs(browser, DEMO.me, `/documents/${documentId}`);
    const card = await commentOn(editor, "at least twice a year", { kind: "PROPOSAL", wording: "at least three times a year", body: "Montenegro proposes three meetings." });
    await expectAnchorStored(editor, card, "at least twice a year");
    const threadId = await card.getAttribute("data-thread-id");
    expect((await secretariat.post(`/api/threads/${threadId}/turn-into-suggestion`)).status()).toBe(200);
    await editor.context().close();
    const version = await (await secretariat.post(`/api/documents/${documentId}/versions`, { data: { name: "With Montenegro's suggestion" } })).json();

    const page = await openAs(browser, DEMO.al, `/documents/${documentId}/versions/${version.id}`);
    await page.getByText("Download", { exact: true }).click();
    const link = page.getByRole("link", { name: /Word with tracked changes/ });
    await expect(link).toContainText("1 open suggestion as tracked changes, and comments");
    await page.screenshot({ path: test.info().outputPath("version-download-menu-desktop.png") });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: test.info().outputPath("version-download-menu-390.png") });

    const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
    expect(download.suggestedFilename()).toMatch(/-v1-changes\.docx$/);
    const zip = await JSZip.loadAsync(fs.readFileSync(await download.path()));
    const documentXml = await zip.file("word/document.xml")!.async("string");
    expect(documentXml).toMatch(/<w:ins [^>]*w:author="[^"]+ \(Montenegro\)"/);
    expect(documentXml).toMatch(/<w:del [^>]*w:author="[^"]+ \(Montenegro\)"/);
    const footers = await Promise.all(Object.keys(zip.files).filter((name) => /^word\/footer\d+\.xml$/.test(name)).map((name) => zip.file(name)!.async("string")));
    expect(footers.join("")).toContain(version.digest);
    await Promise.all([secretariat.dispose(), page.context().close()]);
  });

  test("an observer downloads the comment-resolution table of the live text, as CSV and Word, and the text with comments as Word", async ({ browser, playwright, baseURL }) => {
    const secretariat = await apiAs(playwright, baseURL!, DEMO.secretariat);
    const montenegro = await apiAs(playwright, baseURL!, DEMO.me);
    const documentId = await createTestDocument(secretariat, { title: uniqueTitle("Resolution table"), template: "memorandum", kind: "OTHER" });
    const thread = await montenegro.post(`/api/documents/${documentId}/threads`, { data: { kind: "QUESTION", quote: "at least twice a year", body: "Would three meetings be possible?" } });
    expect(thread.status()).toBe(200);

    const page = await openAs(browser, DEMO.ec, `/documents/${documentId}`);
    await page.getByText("Download live text", { exact: true }).click();
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: /Comment-resolution table \(\.csv\)/ }).click()]);
    const csv = fs.readFileSync(await download.path(), "utf8");
    expect(csv).toContain("Article,Economy,Kind,Passage,Comment,Replies (in short),Status,Outcome");
    expect(csv).toContain("Montenegro,Question,at least twice a year,Would three meetings be possible?");

    // The Word files are written in a worker process, which the production server starts from the repository.
    const downloadWord = async (name: RegExp) => {
      const [word] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name }).click()]);
      expect(word.suggestedFilename()).toMatch(/\.docx$/);
      const zip = await JSZip.loadAsync(fs.readFileSync(await word.path()));
      return (file: string) => zip.file(file)!.async("string");
    };
    const withComments = await downloadWord(/Word with comments/);
    expect(await withComments("word/document.xml")).toContain("Article 1");
    expect(await withComments("word/comments.xml")).toMatch(/w:author="[^"]+ \(Montenegro\)"/);
    expect(await withComments("word/comments.xml")).toContain("Would three meetings be possible?");
    const table = await downloadWord(/Comment-resolution table \(\.docx\)/);
    expect(await table("word/document.xml")).toContain("Would three meetings be possible?");
    await Promise.all([secretariat.dispose(), montenegro.dispose(), page.context().close()]);
  });
});
