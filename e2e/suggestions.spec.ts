import { type APIRequestContext, type Page } from "@playwright/test";
import { expect, test } from "./fixtures/test";
import { DEMO, openAs } from "./fixtures/accounts";
import { createTestDocument, documentBody, documentText, saveStatus, uniqueTitle } from "./fixtures/editor";

const ARTICLE_3_SENTENCE = "The Participants shall publish their trusted lists";

/** The demo MoU (under negotiation in the demo data). */
/** A memorandum of the test's own under negotiation, so that deciding on it changes no other test's text. */
async function createNegotiation(request: APIRequestContext, title: string): Promise<string> {
  const id = await createTestDocument(request, { title: uniqueTitle(title), template: "memorandum" });
  expect((await request.post(`/api/documents/${id}/drafting-rule`, { data: { draftingRule: "NEGOTIATION" } })).status()).toBe(200);
  return id;
}

async function memorandumId(page: Page): Promise<string> {
  const { documents } = await (await page.request.get("/api/documents")).json();
  const memoranda = (documents as { id: string; kind: string; createdAt: string }[]).filter((document) => document.kind === "MOU");
  memoranda.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
  return memoranda[0]!.id;
}

/** Puts the caret (or a selection) on words of the text, as a click and drag would, and waits for ProseMirror to read it. */
async function selectText(page: Page, text: string, { collapseTo }: { collapseTo?: "end" } = {}) {
  await page.evaluate(
    ({ text, collapseTo }) => {
      const body = document.querySelector(".ProseMirror#document-body") as HTMLElement;
      body.focus();
      const walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const index = node.textContent!.indexOf(text);
        if (index < 0) continue;
        const range = document.createRange();
        range.setStart(node, collapseTo ? index + text.length : index);
        range.setEnd(node, index + text.length);
        const selection = window.getSelection()!;
        selection.removeAllRanges();
        selection.addRange(range);
        return;
      }
      throw new Error(`"${text}" is not in the text`);
    },
    { text, collapseTo },
  );
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
}

async function openMemorandum(page: Page) {
  await expect(page.locator('.ProseMirror#document-body[contenteditable="true"]')).toBeVisible({ timeout: 30_000 });
}

async function suggestionCount(page: Page, status: "accepted" | "rejected"): Promise<number> {
  await page.goto("/progress");
  return Number(await page.getByTestId("suggestion-counts").locator('tbody tr[data-economy="AL"]').locator(`td[data-status="${status}"]`).textContent());
}

test.describe("suggesting mode under negotiation", () => {
  // Several browsers on one document, and the first page loads compile under E2E_MODE=dev.
  test.describe.configure({ timeout: 180_000 });
  test("Albania suggests, Serbia sees it live in Albania's colour and cannot decide, the secretariat accepts one and rejects the other", async ({ browser }) => {
    const secretariat = await openAs(browser, DEMO.secretariat, "/progress");
    const id = await memorandumId(secretariat);
    const acceptedBefore = await suggestionCount(secretariat, "accepted");
    const rejectedBefore = await suggestionCount(secretariat, "rejected");
    const albania = await openAs(browser, DEMO.al, `/documents/${id}`);
    const serbia = await openAs(browser, DEMO.rs, `/documents/${id}`);
    await secretariat.goto(`/documents/${id}`);
    for (const page of [albania, serbia, secretariat]) await openMemorandum(page);

    // Under negotiation a delegate starts in Suggesting mode; Editing is not offered.
    await expect(albania.getByRole("radio", { name: "Suggesting" })).toHaveAttribute("aria-checked", "true");
    await expect(albania.getByRole("radio", { name: "Editing" })).toHaveCount(0);
    await expect(secretariat.getByRole("radio", { name: "Editing" })).toHaveAttribute("aria-checked", "true");

    const insertion = ` and openly accessible ${Date.now().toString(36)}`;
    await selectText(albania, "machine-readable", { collapseTo: "end" });
    // One insertion (typing key by key can split a suggestion in two under load: a known limit in the README).
    await albania.keyboard.insertText(insertion);
    await selectText(albania, "without delay");
    await albania.keyboard.press("Backspace");

    // Serbia sees both, live, in Albania's colour, and has no way to decide on them.
    const inserted = serbia.locator('ins.suggestion[data-economy="AL"]', { hasText: insertion.trim() });
    const deleted = serbia.locator('del.suggestion[data-economy="AL"]', { hasText: "without delay" });
    await expect(inserted).toBeVisible();
    await expect(deleted).toBeVisible();
    await expect(inserted).toHaveCSS("color", "rgb(200, 16, 46)");
    const serbiaPanel = serbia.getByTestId("suggestions-panel");
    await expect(serbiaPanel.locator('[data-testid="suggestion-card"][data-economy="AL"]', { hasText: insertion.trim() })).toBeVisible();
    await expect(serbiaPanel.getByRole("button", { name: /^Accept/ })).toHaveCount(0);
    await expect(serbiaPanel.getByRole("button", { name: "Withdraw" })).toHaveCount(0);

    // The secretariat accepts the insertion and rejects the deletion.
    const panel = secretariat.getByTestId("suggestions-panel");
    await panel.getByRole("button", { name: new RegExp(`^Accept AL suggestion: insert “${insertion.trim()}”`) }).click();
    await expect(secretariat.locator("ins.suggestion", { hasText: insertion.trim() })).toHaveCount(0);
    await panel.getByRole("button", { name: /^Reject AL suggestion: delete “without delay”/ }).click();
    await expect(secretariat.locator("del.suggestion", { hasText: "without delay" })).toHaveCount(0);

    const expected = `machine-readable format${insertion}`.replace("format", "").trim();
    for (const page of [secretariat, albania, serbia]) {
      await expect.poll(() => documentText(page)).toContain(`machine-readable${insertion} format`);
      await expect(documentBody(page).locator(".suggestion", { hasText: insertion.trim() })).toHaveCount(0);
      await expect.poll(() => documentText(page)).toContain("of any change without delay.");
    }
    expect(expected.length).toBeGreaterThan(0);
    await panel.getByLabel("Filter suggestions by status").selectOption("");
    await expect(panel.locator('[data-testid="suggestion-card"][data-status="ACCEPTED"]', { hasText: insertion.trim() })).toBeVisible();
    await expect(panel.locator('[data-testid="suggestion-card"][data-status="REJECTED"]', { hasText: "without delay" }).first()).toBeVisible();

    // A reload shows the same text.
    await serbia.reload();
    await openMemorandum(serbia);
    await expect.poll(() => documentText(serbia)).toContain(`machine-readable${insertion} format`);
    await expect(serbia.locator(".suggestion", { hasText: insertion.trim() })).toHaveCount(0);

    // The activity feed and the progress counts show the outcome.
    await secretariat.goto("/progress/activity");
    await expect(secretariat.getByText(`accepted Albania’s suggestion to insert “${insertion.trim()}”`)).toBeVisible();
    await expect(secretariat.getByText("rejected Albania’s suggestion to delete “without delay”").first()).toBeVisible();
    expect(await suggestionCount(secretariat, "accepted")).toBe(acceptedBefore + 1);
    expect(await suggestionCount(secretariat, "rejected")).toBe(rejectedBefore + 1);
  });

  test("a delegate in a negotiation document cannot change the text directly", async ({ browser }) => {
    const albania = await openAs(browser, DEMO.al, "/documents");
    const id = await memorandumId(albania);
    await albania.goto(`/documents/${id}`);
    await openMemorandum(albania);
    await expect(albania.getByRole("radio", { name: "Editing" })).toHaveCount(0);
    // The shortcut for Editing does nothing for a delegate here.
    await albania.keyboard.press("Control+Alt+Shift+KeyZ");
    await expect(albania.getByRole("radio", { name: "Suggesting" })).toHaveAttribute("aria-checked", "true");

    const words = ` directly typed ${Date.now().toString(36)}`;
    await selectText(albania, ARTICLE_3_SENTENCE, { collapseTo: "end" });
    await albania.keyboard.insertText(words);
    // What was typed is a suggestion by Albania, not a change of the text.
    // (On the author's own screen the caret's decoration may split the highlighted run into several elements.)
    await expect.poll(async () => (await albania.locator('ins.suggestion[data-economy="AL"]').allTextContents()).join("")).toContain(words.trim());
    await expect(albania.getByTestId("save-status")).toHaveText(/Saved/);
    // Viewing mode takes no typing at all.
    await albania.getByRole("radio", { name: "Viewing" }).click();
    await expect(documentBody(albania)).toHaveAttribute("contenteditable", "false");
    // Clean up: withdraw the suggestion.
    await albania.getByRole("radio", { name: "Suggesting" }).click();
    const card = albania.getByTestId("suggestions-panel").locator('[data-testid="suggestion-card"]', { hasText: words.trim() });
    await card.getByRole("button", { name: "Withdraw" }).click();
    await expect(albania.locator(".suggestion", { hasText: words.trim() })).toHaveCount(0);
  });
});

test.describe("suggestions on a paragraph's form, formatting and notes under negotiation", () => {
  // Three browsers and many steps; beside the other specs on two cores the first page loads alone can take minutes.
  test.describe.configure({ timeout: 300_000 });
  test("Albania suggests making a paragraph of Article 3 a heading, joining two paragraphs, bold words and a note; Serbia sees them live; the secretariat accepts the heading and the bold and rejects the join and the note", async ({ browser, request }, testInfo) => {
    const id = await createNegotiation(request, "Block suggestions");
    const albania = await openAs(browser, DEMO.al, `/documents/${id}`);
    const serbia = await openAs(browser, DEMO.rs, `/documents/${id}`);
    const secretariat = await openAs(browser, DEMO.secretariat, `/documents/${id}`);
    for (const page of [albania, serbia, secretariat]) await openMemorandum(page);
    await expect(albania.getByRole("radio", { name: "Suggesting" })).toHaveAttribute("aria-checked", "true");

    // Links and tables are offered in Suggesting mode too (their own test is below).
    await expect(albania.getByRole("button", { name: "Add link" })).toBeEnabled();
    await expect(albania.getByRole("button", { name: "Insert table" })).toBeEnabled();

    // Albania proposes bold for two words of Article 3: they stay as they are, marked.
    await selectText(albania, "machine-readable format");
    await albania.getByRole("button", { name: "Bold" }).click();
    const proposedBold = (page: Page) => documentBody(page).locator('span.suggestion--format[data-economy="AL"]', { hasText: "machine-readable format" });
    await expect(proposedBold(albania)).toBeVisible();

    // And a note after "without delay", whose wording Albania writes in the notes panel.
    await selectText(albania, "without delay", { collapseTo: "end" });
    await albania.getByRole("button", { name: "Insert note" }).click();
    await expect(albania.getByRole("textbox", { name: "Wording of note 1" })).toBeFocused();
    await albania.keyboard.type("As agreed in 2023.");
    const proposedNote = (page: Page) => documentBody(page).locator('sup.note-suggestion--insert[data-economy="AL"][data-note="As agreed in 2023."]');
    await expect(proposedNote(albania)).toBeVisible();

    // Albania makes the first paragraph of Article 3 a heading: the paragraph stays, carrying the proposal.
    const headingWords = "Each Participant shall recognise qualified trust services";
    await selectText(albania, headingWords, { collapseTo: "end" });
    await albania.getByLabel("Text style").selectOption("heading");
    const proposedHeading = (page: Page) => documentBody(page).locator('p.block-suggestion[data-block-suggestion="AL suggests: Heading"]', { hasText: headingWords });
    await expect(proposedHeading(albania)).toBeVisible();
    // And proposes joining the next paragraph to it (Backspace at the start of a paragraph).
    await selectText(albania, ARTICLE_3_SENTENCE);
    await albania.evaluate(() => window.getSelection()!.collapseToStart());
    await albania.keyboard.press("Backspace");
    const proposedJoin = (page: Page) => documentBody(page).locator('p.block-suggestion--join[data-block-suggestion="AL suggests: Join with the previous paragraph"]', { hasText: ARTICLE_3_SENTENCE });
    await expect(proposedJoin(albania)).toBeVisible();
    // And a bulleted list by the Markdown-style shortcut: "- " at a paragraph's start proposes the list, and the "-" goes.
    const listWords = "Have reached the following understanding:";
    await selectText(albania, listWords);
    await albania.evaluate(() => window.getSelection()!.collapseToStart());
    await albania.keyboard.type("- ");
    const proposedList = (page: Page) => documentBody(page).locator('p.block-suggestion[data-block-suggestion="AL suggests: Bulleted list"]', { hasText: listWords });
    await expect(proposedList(albania)).toBeVisible();
    await expect(proposedList(albania)).toHaveText(listWords);
    // In a paragraph Albania has just suggested with Enter the shortcut works too, and makes it a heading at once: it is wholly her suggestion.
    await selectText(albania, "starting with pilot services agreed by the Working Group.", { collapseTo: "end" });
    await albania.keyboard.press("Enter");
    await albania.keyboard.type("## ");
    await albania.keyboard.insertText("Pilot services");
    const newHeading = (page: Page) => documentBody(page).locator("h2", { hasText: "Pilot services" });
    await expect(newHeading(albania).locator('ins.suggestion[data-economy="AL"]').first()).toBeVisible();
    await expect(newHeading(albania)).not.toHaveClass(/block-suggestion/);
    expect(await newHeading(albania).textContent()).not.toContain("#");
    // Pasting a list makes a new list of Albania's suggested items after the paragraph (as a paste from a word processor does).
    await selectText(albania, "provided in their territories.", { collapseTo: "end" });
    await albania.evaluate(() => {
      const clipboard = new DataTransfer();
      clipboard.setData("text/html", "<ul><li>Shared registries</li><li>Common trusted lists</li></ul>");
      clipboard.setData("text/plain", "Shared registries\nCommon trusted lists");
      document.querySelector(".ProseMirror#document-body")!.dispatchEvent(new ClipboardEvent("paste", { clipboardData: clipboard, bubbles: true, cancelable: true }));
    });
    const pastedItems = (page: Page) => documentBody(page).locator("ul > li ins.suggestion[data-economy=\"AL\"]");
    await expect(pastedItems(albania)).toHaveText(["Shared registries", "Common trusted lists"]);
    await expect(albania.getByTestId("save-status")).toHaveText(/Saved/);

    // Serbia sees both live, in Albania's colour, listed in the panel, and cannot decide on them.
    await expect(proposedHeading(serbia)).toBeVisible();
    await expect(proposedJoin(serbia)).toBeVisible();
    await expect(proposedList(serbia)).toHaveText(listWords);
    await expect(pastedItems(serbia)).toHaveText(["Shared registries", "Common trusted lists"]);
    await expect(newHeading(serbia).locator('ins.suggestion[data-economy="AL"]')).toContainText(["Pilot services"]);
    expect(await proposedHeading(serbia).evaluate((element) => getComputedStyle(element).getPropertyValue("--suggestion-colour").trim())).toBe("#c8102e");
    await expect(documentBody(serbia).locator("h2", { hasText: headingWords })).toHaveCount(0);
    const serbiaPanel = serbia.getByTestId("suggestions-panel");
    await expect(serbiaPanel.locator('[data-testid="suggestion-card"][data-economy="AL"]', { hasText: `Heading: ‘${headingWords}` })).toBeVisible();
    await expect(serbiaPanel.locator('[data-testid="suggestion-card"][data-economy="AL"]', { hasText: "Join with the previous paragraph" })).toBeVisible();
    await expect(serbiaPanel.locator('[data-testid="suggestion-card"][data-economy="AL"]', { hasText: "Shared registries" })).toBeVisible();
    await expect(serbiaPanel.getByRole("button", { name: /^Accept/ })).toHaveCount(0);
    await expect(proposedBold(serbia)).toBeVisible();
    await expect(documentBody(serbia).locator("strong", { hasText: "machine-readable" })).toHaveCount(0);
    await expect(serbiaPanel.locator('[data-testid="suggestion-card"][data-economy="AL"]', { hasText: "Bold: ‘machine-readable format’" })).toBeVisible();
    await expect(proposedNote(serbia)).toBeVisible();
    await expect(serbiaPanel.locator('[data-testid="suggestion-card"][data-economy="AL"]', { hasText: "[Note: As agreed in 2023.]" })).toBeVisible();

    // How it looks, wide and on a phone (attached to the report).
    await proposedHeading(secretariat).scrollIntoViewIfNeeded();
    await secretariat.screenshot({ path: testInfo.outputPath("block-suggestions-1280.png") });
    await secretariat.getByTestId("suggestions-panel").screenshot({ path: testInfo.outputPath("block-suggestions-1280-panel.png") });
    await newHeading(secretariat).scrollIntoViewIfNeeded();
    await secretariat.screenshot({ path: testInfo.outputPath("new-paragraph-heading-1280.png") });
    await serbia.setViewportSize({ width: 390, height: 844 });
    await proposedHeading(serbia).scrollIntoViewIfNeeded();
    await serbia.screenshot({ path: testInfo.outputPath("block-suggestions-390.png") });
    await newHeading(serbia).scrollIntoViewIfNeeded();
    await serbia.screenshot({ path: testInfo.outputPath("new-paragraph-heading-390.png") });
    await serbia.getByRole("button", { name: "Comments", exact: true }).click();
    await serbiaPanel.scrollIntoViewIfNeeded();
    await serbia.screenshot({ path: testInfo.outputPath("block-suggestions-390-panel.png") });

    // The secretariat accepts the heading and rejects the join.
    const panel = secretariat.getByTestId("suggestions-panel");
    await panel.getByRole("button", { name: new RegExp(`^Accept AL suggestion: Heading: ‘${headingWords}`) }).click();
    await expect(documentBody(secretariat).locator("h2", { hasText: headingWords })).toBeVisible();
    await panel.getByRole("button", { name: /^Reject AL suggestion: Join with the previous paragraph/ }).click();
    await panel.getByRole("button", { name: new RegExp(`^Accept AL suggestion: Bulleted list: ‘${listWords}`) }).click();
    await expect(documentBody(secretariat).locator("ul > li", { hasText: listWords })).toHaveText(listWords);
    // Rejecting the pasted list takes the whole list away.
    await panel.getByRole("button", { name: /^Reject AL suggestion: insert “Shared registries/ }).click();
    await expect(documentBody(secretariat).locator("li", { hasText: "Shared registries" })).toHaveCount(0);
    await expect(documentBody(secretariat).locator("p", { hasText: "provided in their territories." })).toBeVisible();
    // Rejecting the words and the new paragraph takes the heading away.
    await panel.getByRole("button", { name: /^Reject AL suggestion: insert “Pilot services”/ }).click();
    await panel.locator('[data-testid="suggestion-card"][data-economy="AL"]', { hasText: "New paragraph" }).getByRole("button", { name: /^Reject/ }).click();
    await panel.getByRole("button", { name: /^Accept AL suggestion: Bold: ‘machine-readable format’/ }).click();
    await panel.getByRole("button", { name: /^Reject AL suggestion: insert “\[Note: As agreed in 2023.\]”/ }).click();
    for (const page of [secretariat, albania, serbia]) {
      await expect(documentBody(page).locator("h2", { hasText: headingWords })).toBeVisible();
      await expect(documentBody(page).locator("p", { hasText: ARTICLE_3_SENTENCE })).toBeVisible();
      await expect(documentBody(page).locator(".block-suggestion")).toHaveCount(0);
      await expect(documentBody(page).locator("strong", { hasText: "machine-readable format" })).toBeVisible();
      await expect(documentBody(page).locator(".suggestion--format")).toHaveCount(0);
      await expect(documentBody(page).locator("sup.note-marker")).toHaveCount(0);
      await expect(newHeading(page)).toHaveCount(0);
    }
    await panel.getByLabel("Filter suggestions by status").selectOption("");
    await expect(panel.locator('[data-testid="suggestion-card"][data-status="ACCEPTED"]', { hasText: `Heading: ‘${headingWords}` })).toBeVisible();
    await expect(panel.locator('[data-testid="suggestion-card"][data-status="REJECTED"]', { hasText: "Join with the previous paragraph" })).toBeVisible();

    // A reload shows the same.
    await serbia.reload();
    await expect(documentBody(serbia)).toBeVisible({ timeout: 30_000 });
    await expect(documentBody(serbia).locator("h2", { hasText: headingWords })).toBeVisible();
    await expect(documentBody(serbia).locator("p", { hasText: ARTICLE_3_SENTENCE })).toBeVisible();
    await expect(documentBody(serbia).locator(".block-suggestion")).toHaveCount(0);
    await expect(documentBody(serbia).locator("strong", { hasText: "machine-readable format" })).toBeVisible();

    // The activity feed says what was decided.
    await secretariat.goto("/progress/activity");
    await expect(secretariat.getByText(`accepted Albania’s suggestion (Heading: ‘${headingWords}`).first()).toBeVisible();
    await expect(secretariat.getByText("rejected Albania’s suggestion (Join with the previous paragraph").first()).toBeVisible();
  });
});

test.describe("links and table rows as suggestions", () => {
  test.describe.configure({ timeout: 180_000 });
  test("Albania suggests a link and a new table row; the secretariat sees both in the panel, accepts the link and rejects the row; a reload shows the outcome", async ({ browser, request }, testInfo) => {
    const id = await createNegotiation(request, "Link and row suggestions");
    const secretariat = await openAs(browser, DEMO.secretariat, `/documents/${id}`);
    await openMemorandum(secretariat);
    // The secretariat, editing directly, puts a table of contact points in the text.
    await selectText(secretariat, "without delay.", { collapseTo: "end" });
    await secretariat.getByRole("button", { name: "Insert table" }).click();
    await secretariat.keyboard.type("Economy");
    await expect(saveStatus(secretariat)).toHaveText(/Saved/);
    const rows = (page: Page) => documentBody(page).locator("table tr");
    await expect(rows(secretariat)).toHaveCount(3);

    const albania = await openAs(browser, DEMO.al, `/documents/${id}`);
    await openMemorandum(albania);
    await expect(albania.getByRole("radio", { name: "Suggesting" })).toHaveAttribute("aria-checked", "true");

    // A link on two words of Article 3: the words stay as they are, marked with the proposed address.
    await selectText(albania, "machine-readable format");
    await albania.getByRole("button", { name: "Add link" }).click();
    await albania.getByLabel("Link address").fill("eidas.example.org");
    await albania.getByRole("button", { name: "Apply" }).click();
    const proposedLink = (page: Page) => documentBody(page).locator('span.suggestion--format[data-economy="AL"][data-suggestion-href="https://eidas.example.org/"]', { hasText: "machine-readable format" });
    await expect(proposedLink(albania)).toBeVisible();
    await expect(documentBody(albania).locator("a", { hasText: "machine-readable" })).toHaveCount(0);

    // A new row below the table's first row: empty, in Albania's colour.
    await selectText(albania, "Economy");
    await albania.getByRole("button", { name: "Add row below" }).click();
    await expect(albania.getByRole("button", { name: "Add column to the right" })).toBeEnabled();
    const proposedRow = (page: Page) => documentBody(page).locator('tr.table-suggestion--insert[data-suggestion-id]');
    await expect(proposedRow(albania)).toHaveCount(1);
    await expect(saveStatus(albania)).toHaveText(/Saved/);

    // The secretariat sees both, live, listed in the panel.
    await expect(proposedLink(secretariat)).toBeVisible();
    await expect(proposedRow(secretariat)).toHaveCount(1);
    expect(await proposedRow(secretariat).evaluate((element) => getComputedStyle(element).getPropertyValue("--suggestion-colour").trim())).toBe("#c8102e");
    const panel = secretariat.getByTestId("suggestions-panel");
    await expect(panel.locator('[data-testid="suggestion-card"][data-economy="AL"]', { hasText: "Link to https://eidas.example.org/: ‘machine-readable format’" })).toBeVisible();
    await expect(panel.locator('[data-testid="suggestion-card"][data-economy="AL"]', { hasText: "New table row" })).toBeVisible();

    // How it looks, wide and on a phone (attached to the report).
    await proposedRow(secretariat).scrollIntoViewIfNeeded();
    await secretariat.screenshot({ path: testInfo.outputPath("link-and-row-suggestions-1280.png") });
    await albania.setViewportSize({ width: 390, height: 844 });
    await proposedRow(albania).scrollIntoViewIfNeeded();
    await albania.screenshot({ path: testInfo.outputPath("link-and-row-suggestions-390.png") });

    await panel.getByRole("button", { name: /^Accept AL suggestion: Link to https:\/\/eidas\.example\.org\// }).click();
    await panel.getByRole("button", { name: /^Reject AL suggestion: New table row/ }).click();
    for (const page of [secretariat, albania]) {
      await expect(documentBody(page).locator('a[href="https://eidas.example.org/"]', { hasText: "machine-readable format" })).toBeVisible();
      await expect(documentBody(page).locator(".suggestion--format")).toHaveCount(0);
      await expect(proposedRow(page)).toHaveCount(0);
      await expect(rows(page)).toHaveCount(3);
    }

    // A reload shows the same.
    await albania.reload();
    await openMemorandum(albania);
    await expect(documentBody(albania).locator('a[href="https://eidas.example.org/"]', { hasText: "machine-readable format" })).toBeVisible();
    await expect(rows(albania)).toHaveCount(3);
    await expect(documentBody(albania).locator(".table-suggestion, .suggestion--format")).toHaveCount(0);

    // The activity feed says what was decided.
    await secretariat.goto("/progress/activity");
    await expect(secretariat.getByText("accepted Albania’s suggestion (Link to https://eidas.example.org/").first()).toBeVisible();
    await expect(secretariat.getByText("rejected Albania’s suggestion (New table row").first()).toBeVisible();
  });
});

test.describe("table columns as suggestions", () => {
  test.describe.configure({ timeout: 180_000 });
  test("Albania suggests a new column and deleting another; the secretariat rejects the new one, which disappears, and accepts the deletion, which goes", async ({ browser, request }, testInfo) => {
    const id = await createNegotiation(request, "Column suggestions");
    const secretariat = await openAs(browser, DEMO.secretariat, `/documents/${id}`);
    await openMemorandum(secretariat);
    // The secretariat, editing directly, puts a table of contact points in the text: a header row and two rows.
    await selectText(secretariat, "without delay.", { collapseTo: "end" });
    await secretariat.getByRole("button", { name: "Insert table" }).click();
    await secretariat.keyboard.type("Economy");
    await secretariat.keyboard.press("Tab");
    await secretariat.keyboard.type("Role");
    await secretariat.keyboard.press("Tab");
    await secretariat.keyboard.type("Telephone");
    await expect(saveStatus(secretariat)).toHaveText(/Saved/);
    const headerCells = (page: Page) => documentBody(page).locator("table tr").first().locator("th, td");
    await expect(headerCells(secretariat)).toHaveText(["Economy", "Role", "Telephone"]);

    const albania = await openAs(browser, DEMO.al, `/documents/${id}`);
    await openMemorandum(albania);
    await expect(albania.getByRole("radio", { name: "Suggesting" })).toHaveAttribute("aria-checked", "true");

    // A new column to the right of "Economy": a cell in every row, the header row's a header cell, in Albania's colour.
    // (A click puts the caret in the cell at once, whatever the others' carets and selections are doing meanwhile.)
    await documentBody(albania).locator("th", { hasText: "Economy" }).click();
    await albania.getByRole("button", { name: "Add column to the right" }).click();
    const newColumn = (page: Page) => documentBody(page).locator("th.table-suggestion--insert, td.table-suggestion--insert");
    await expect(newColumn(albania)).toHaveCount(3);
    await expect(headerCells(albania).nth(1)).toHaveClass(/table-suggestion--insert/);
    // And deleting the "Telephone" column: it stays, struck through, until decided.
    await documentBody(albania).locator("th", { hasText: "Telephone" }).click();
    await albania.getByRole("button", { name: "Delete column" }).click();
    const goneColumn = (page: Page) => documentBody(page).locator("th.table-suggestion--delete, td.table-suggestion--delete");
    await expect(goneColumn(albania)).toHaveCount(3);
    await expect(saveStatus(albania)).toHaveText(/Saved/);

    // The secretariat sees both live, in Albania's colour, each listed once in the panel.
    await expect(newColumn(secretariat)).toHaveCount(3);
    await expect(goneColumn(secretariat)).toHaveCount(3);
    await expect(headerCells(secretariat)).toHaveCount(4);
    expect(await newColumn(secretariat).first().evaluate((element) => getComputedStyle(element).getPropertyValue("--suggestion-colour").trim())).toBe("#c8102e");
    expect(await goneColumn(secretariat).first().evaluate((element) => getComputedStyle(element).textDecorationLine)).toBe("line-through");
    const panel = secretariat.getByTestId("suggestions-panel");
    await expect(panel.locator('[data-testid="suggestion-card"][data-economy="AL"]', { hasText: "New table column" })).toHaveCount(1);
    await expect(panel.locator('[data-testid="suggestion-card"][data-economy="AL"]', { hasText: "Delete table column: ‘Telephone" })).toHaveCount(1);

    // How it looks, wide and on a phone (attached to the report).
    const showTable = (page: Page) => documentBody(page).locator("table").evaluate((table) => table.scrollIntoView({ block: "center" }));
    await showTable(secretariat);
    await secretariat.screenshot({ path: testInfo.outputPath("column-suggestions-1280.png") });
    await albania.setViewportSize({ width: 390, height: 844 });
    // The side column becomes a closed drawer, sliding out of view.
    await expect(albania.locator(".document-workspace__aside")).toBeHidden();
    await showTable(albania);
    await albania.screenshot({ path: testInfo.outputPath("column-suggestions-390.png") });

    await panel.getByRole("button", { name: /^Reject AL suggestion: New table column/ }).click();
    await panel.getByRole("button", { name: /^Accept AL suggestion: Delete table column: ‘Telephone/ }).click();
    for (const page of [secretariat, albania]) {
      await expect(newColumn(page)).toHaveCount(0);
      await expect(goneColumn(page)).toHaveCount(0);
      await expect(headerCells(page)).toHaveText(["Economy", "Role"]);
      await expect(documentBody(page).locator("table tr")).toHaveCount(3);
      for (const row of await documentBody(page).locator("table tr").all()) await expect(row.locator("th, td")).toHaveCount(2);
    }

    // A reload shows the same.
    await albania.reload();
    await openMemorandum(albania);
    await expect(headerCells(albania)).toHaveText(["Economy", "Role"]);
    await expect(documentBody(albania).locator(".table-suggestion")).toHaveCount(0);

    // The activity feed says what was decided.
    await secretariat.goto("/progress/activity");
    await expect(secretariat.getByText("rejected Albania’s suggestion (New table column").first()).toBeVisible();
    await expect(secretariat.getByText("accepted Albania’s suggestion (Delete table column").first()).toBeVisible();
  });
});

test.describe("new wording for a note as a suggestion", () => {
  test.describe.configure({ timeout: 180_000 });
  test("Albania proposes new wording for a note of a negotiation document; the secretariat sees it in the Suggestions panel and accepts it; the note's wording changes, also after a reload", async ({ browser, request }, testInfo) => {
    const id = await createNegotiation(request, "Note rewording");
    const secretariat = await openAs(browser, DEMO.secretariat, `/documents/${id}`);
    await openMemorandum(secretariat);
    // The secretariat, editing directly, puts a note in the text.
    const wording = "As agreed in 2023.";
    const proposal = "As agreed in Tirana in 2023.";
    await selectText(secretariat, "without delay", { collapseTo: "end" });
    await secretariat.getByRole("button", { name: "Insert note" }).click();
    await expect(secretariat.getByRole("textbox", { name: "Wording of note 1" })).toBeFocused();
    await secretariat.keyboard.type(wording);
    await expect(saveStatus(secretariat)).toHaveText(/Saved/);

    const albania = await openAs(browser, DEMO.al, `/documents/${id}`);
    await openMemorandum(albania);
    await expect(albania.getByRole("radio", { name: "Suggesting" })).toHaveAttribute("aria-checked", "true");
    // The note's wording stays read-only for Albania; new wording is proposed beside it.
    await expect(albania.getByRole("textbox", { name: "Wording of note 1" })).toHaveCount(0);
    await albania.getByRole("button", { name: "Propose new wording for note 1" }).click();
    const field = albania.getByRole("textbox", { name: "Proposed wording of note 1" });
    await expect(field).toBeFocused();
    await expect(field).toHaveValue(wording);
    await field.fill(proposal);
    const rewordedNote = (page: Page) => documentBody(page).locator(`sup.note-suggestion--reword[data-economy="AL"][data-note="${wording}"]`);
    await expect(rewordedNote(albania)).toBeVisible();
    await expect(saveStatus(albania)).toHaveText(/Saved/);
    // Albania may not decide on it.
    await expect(albania.getByTestId("suggestions-panel").getByRole("button", { name: /^Accept/ })).toHaveCount(0);

    // The secretariat sees it live: the number in Albania's colour, the proposal under the note, a card in the panel.
    await expect(rewordedNote(secretariat)).toBeVisible();
    expect(await rewordedNote(secretariat).evaluate((element) => getComputedStyle(element).getPropertyValue("--suggestion-colour").trim())).toBe("#c8102e");
    const notes = secretariat.getByRole("region", { name: "Notes" });
    await expect(notes.getByRole("textbox", { name: "Wording of note 1" })).toHaveValue(wording);
    await expect(notes.locator('.document-notes__proposal[data-economy="AL"]')).toContainText(proposal);
    const panel = secretariat.getByTestId("suggestions-panel");
    const change = `Note: ‘${wording}’ → ‘${proposal}’`;
    await expect(panel.locator('[data-testid="suggestion-card"][data-economy="AL"]', { hasText: change })).toBeVisible();

    // How it looks, wide and on a phone (attached to the report).
    await notes.scrollIntoViewIfNeeded();
    await secretariat.screenshot({ path: testInfo.outputPath("note-rewording-1280.png") });
    await panel.screenshot({ path: testInfo.outputPath("note-rewording-1280-panel.png") });
    await albania.setViewportSize({ width: 390, height: 844 });
    await field.scrollIntoViewIfNeeded();
    await albania.screenshot({ path: testInfo.outputPath("note-rewording-390.png") });

    // A version with the proposal open, to compare the accepted wording against below.
    await expect(saveStatus(albania)).toHaveText(/Saved/);
    const saved = await secretariat.request.post(`/api/documents/${id}/versions`, { data: { name: "With Albania's note wording open" } });
    expect(saved.status(), await saved.text()).toBe(200);
    const { id: versionId } = (await saved.json()) as { id: string };

    await panel.getByRole("button", { name: `Accept AL suggestion: ${change}` }).click();
    const acceptedNote = (page: Page) => documentBody(page).locator(`sup.note-marker[data-note="${proposal}"]`);
    for (const page of [secretariat, albania]) {
      await expect(acceptedNote(page)).toBeVisible();
      await expect(documentBody(page).locator(".note-suggestion")).toHaveCount(0);
    }
    await expect(notes.getByRole("textbox", { name: "Wording of note 1" })).toHaveValue(proposal);
    await expect(notes.locator(".document-notes__proposal")).toHaveCount(0);
    await expect(albania.getByRole("region", { name: "Notes" }).locator(".document-notes__text")).toHaveText(proposal);

    // A reload shows the same.
    await albania.reload();
    await openMemorandum(albania);
    await expect(acceptedNote(albania)).toBeVisible();
    await expect(documentBody(albania).locator(".note-suggestion")).toHaveCount(0);
    await expect(albania.getByRole("region", { name: "Notes" }).locator(".document-notes__text")).toHaveText(proposal);

    // Compare shows the note's wording changed, proposed by Albania.
    await expect(saveStatus(secretariat)).toHaveText(/Saved/);
    await secretariat.goto(`/documents/${id}/compare?from=${versionId}&to=live&view=inline`);
    const inserted = secretariat.getByTestId("inline-diff").locator("ins", { hasText: "Tirana" });
    await expect(inserted).toBeVisible();
    await expect(inserted.locator("xpath=following-sibling::*[1]")).toHaveAttribute("data-proposer", "AL");
    await expect(secretariat.getByTestId("inline-diff")).toContainText("[Note: As agreed in Tirana in");
    await inserted.scrollIntoViewIfNeeded();
    await secretariat.screenshot({ path: testInfo.outputPath("note-rewording-compare-1280.png") });
    await secretariat.setViewportSize({ width: 390, height: 844 });
    await inserted.scrollIntoViewIfNeeded();
    await secretariat.screenshot({ path: testInfo.outputPath("note-rewording-compare-390.png") });
    await secretariat.setViewportSize({ width: 1280, height: 800 });

    // The activity feed says what was decided.
    await secretariat.goto("/progress/activity");
    await expect(secretariat.getByText(`accepted Albania’s suggestion (${change}`).first()).toBeVisible();
  });
});

test.describe("suggestions in versions and comparisons", () => {
  test.describe.configure({ timeout: 180_000 });
  test("a version shows its open suggestions on request, and Compare names the economy of an accepted change", async ({ browser, request }) => {
    const documentId = await createNegotiation(request, "Proposers");
    const secretariat = await openAs(browser, DEMO.secretariat, `/documents/${documentId}`);
    const albania = await openAs(browser, DEMO.al, `/documents/${documentId}`);
    for (const page of [albania, secretariat]) await openMemorandum(page);

    // Albania suggests an insertion and a deletion; the secretariat saves a version with both open.
    const insertion = ` in person ${Date.now().toString(36)}`;
    await selectText(albania, "twice a year", { collapseTo: "end" });
    await albania.keyboard.insertText(insertion);
    await selectText(albania, "at least ");
    await albania.keyboard.press("Backspace");
    await expect(albania.locator('del.suggestion[data-economy="AL"]', { hasText: "at least" })).toBeVisible();
    await expect(saveStatus(albania)).toHaveText(/Saved/);
    const saved = await secretariat.request.post(`/api/documents/${documentId}/versions`, { data: { name: "With Albania's suggestions open" } });
    expect(saved.status(), await saved.text()).toBe(200);
    const { id: versionId } = (await saved.json()) as { id: string };

    // The secretariat accepts the insertion; the deletion stays open.
    await secretariat.getByTestId("suggestions-panel").getByRole("button", { name: new RegExp(`^Accept AL suggestion: insert “${insertion.trim()}”`) }).click();
    await expect(secretariat.locator("ins.suggestion", { hasText: insertion.trim() })).toHaveCount(0);
    await expect.poll(() => documentText(secretariat)).toContain(`twice a year${insertion} and`);
    await expect(saveStatus(secretariat)).toHaveText(/Saved/);

    // The version page shows the clean text by default, and the open suggestions on request, in Albania's colour with its code.
    await secretariat.goto(`/documents/${documentId}/versions/${versionId}`);
    const text = secretariat.locator('article[aria-label^="Text of"]');
    await expect(text).toHaveAttribute("data-text", "clean");
    await expect(text).toContainText("shall meet at least twice a year and shall adopt");
    await expect(text.locator(".suggestion")).toHaveCount(0);
    await expect(secretariat.getByTestId("text-choice")).toContainText("This is the text the digest covers");
    await secretariat.getByRole("navigation", { name: "Text shown" }).getByRole("link", { name: "With open suggestions (2)" }).click();
    await expect(secretariat).toHaveURL(/\?text=suggestions$/);
    await expect(text).toHaveAttribute("data-text", "suggestions");
    const suggested = text.locator('ins.suggestion[data-economy="AL"]', { hasText: insertion.trim() });
    await expect(suggested).toHaveCSS("color", "rgb(200, 16, 46)");
    await expect(suggested).toHaveAttribute("title", /^Suggested insertion by .* \(AL\)$/);
    expect(await suggested.evaluate((element) => getComputedStyle(element, "::before").content)).toContain("AL");
    await expect(text.locator('del.suggestion[data-economy="AL"]', { hasText: "at least" })).toBeVisible();
    await expect(secretariat.getByRole("list", { name: "Open suggestions per economy" })).toContainText("Albania 2");

    // Compare from that version to the live text: the accepted insertion carries Albania's code, and the summary names Albania.
    await secretariat.goto(`/documents/${documentId}/compare?from=${versionId}&to=live&view=inline`);
    const inserted = secretariat.getByTestId("inline-diff").locator("ins", { hasText: insertion.trim() });
    await expect(inserted).toBeVisible();
    await expect(inserted.locator("xpath=following-sibling::*[1]")).toHaveAttribute("data-proposer", "AL");
    await expect(inserted.locator("xpath=following-sibling::*[1]")).toHaveText(/AL.*proposed by Albania/);
    await expect(secretariat.getByTestId("proposers")).toContainText("Albania: 1 suggestion");
    await secretariat.goto(`/documents/${documentId}/compare?from=${versionId}&to=live&view=side-by-side`);
    await expect(secretariat.getByTestId("side-by-side-diff").locator('ins + [data-proposer="AL"]')).toHaveCount(1);
  });
});
