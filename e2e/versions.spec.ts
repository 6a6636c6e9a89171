import { expect, test } from "./fixtures/test";
import { DEMO, openAs } from "./fixtures/accounts";
import { placeCaret } from "./fixtures/comments";
import { replaceLiveText } from "./fixtures/document-text";
import { createTestDocument, saveStatus, uniqueTitle } from "./fixtures/editor";
import { renderedBlocks } from "./fixtures/rendered-text";

test.describe("versions and comparisons read like the editor", () => {
  test("a saved version is numbered and set exactly as the editor shows it, notes included", async ({ browser, request }) => {
    const documentId = await createTestDocument(request, { title: uniqueTitle("Numbered version"), template: "memorandum" });
    const page = await openAs(browser, DEMO.secretariat, `/documents/${documentId}`);
    const phrase = "qualified trust services provided in their territories";
    await placeCaret(page, phrase, phrase.length);
    await page.keyboard.press("Control+Alt+f");
    await expect(page.getByRole("textbox", { name: "Wording of note 1" })).toBeFocused();
    await page.keyboard.type("As published in the trusted lists.");
    await expect(saveStatus(page)).toHaveText("Saved");

    const editor = "#document-body";
    const inEditor = { headings: await renderedBlocks(page, editor, "heading"), paragraphs: await renderedBlocks(page, editor, "paragraph") };
    expect(inEditor.headings).toEqual(expect.arrayContaining(["Preamble", "Article 1Purpose", "Article 5Governance"]));
    expect(inEditor.paragraphs).toEqual(expect.arrayContaining([expect.stringMatching(/^This Memorandum establishes .* their territories1\.$/), expect.stringMatching(/^3\.The Working Group shall meet/)]));
    const editorFont = await page.locator(editor).evaluate((element) => getComputedStyle(element).fontFamily);

    const saved = await page.request.post(`/api/documents/${documentId}/versions`, { data: { name: "Numbered draft" } });
    expect(saved.status(), await saved.text()).toBe(200);
    const { id: versionId } = (await saved.json()) as { id: string };
    await page.goto(`/documents/${documentId}/versions/${versionId}`);
    const text = 'article[aria-label^="Text of"]';
    await expect(page.locator(text)).toContainText("The Working Group shall meet");
    expect({ headings: await renderedBlocks(page, text, "heading"), paragraphs: await renderedBlocks(page, text, "paragraph") }).toEqual(inEditor);
    expect(await page.locator(text).evaluate((element) => getComputedStyle(element).fontFamily)).toBe(editorFont);
    await expect(page.locator(".document-notes__item")).toHaveText(["1Note 1: As published in the trusted lists."]);
  });

  test("comparisons number articles and paragraphs, and side by side keeps each text's spacing", async ({ browser, request, playwright, baseURL }) => {
    const documentId = await createTestDocument(request, { title: uniqueTitle("Numbered comparison"), template: "memorandum" });
    const page = await openAs(browser, DEMO.secretariat, `/documents/${documentId}/versions`);
    const saved = await page.request.post(`/api/documents/${documentId}/versions`, { data: { name: "Before the meeting" } });
    expect(saved.status(), await saved.text()).toBe(200);
    const { id: versionId } = (await saved.json()) as { id: string };
    await replaceLiveText(playwright, baseURL!, documentId, "twice a year and shall adopt", "twice a year, in person, and shall adopt");

    await page.goto(`/documents/${documentId}/compare?from=${versionId}&to=live&view=inline`);
    const inline = page.getByTestId("inline-diff");
    const changed = inline.locator('[data-change="changed"]');
    await expect(changed).toHaveCount(1);
    await expect(changed).toHaveText("3. The Working Group shall meet at least twice a year, in person, and shall adopt its rules of procedure at its first meeting.");
    await expect(inline.locator('[data-number="article"]').first()).toHaveText("Article 1 Purpose");

    await page.goto(`/documents/${documentId}/compare?from=${versionId}&to=live&view=side-by-side`);
    const row = page.getByTestId("side-by-side-diff").locator("tr", { has: page.locator('[data-change="changed"]') });
    await expect(row.locator("td").first()).toHaveText("3. The Working Group shall meet at least twice a year and shall adopt its rules of procedure at its first meeting.");
    await expect(row.locator("td").nth(1)).toHaveText("3. The Working Group shall meet at least twice a year, in person, and shall adopt its rules of procedure at its first meeting.");
    await expect(row.locator("td").nth(1).locator("ins")).toHaveText(", in person, ");
  });
});
