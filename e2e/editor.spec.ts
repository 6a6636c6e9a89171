import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures/test";
import { DEMO, openAs } from "./fixtures/accounts";
import { commentOn, selectPhrase, threadCard } from "./fixtures/comments";
import { createTestDocument, documentBody, documentText, focusEndOfDocument, openWithCuttableSocket, saveStatus, uniqueTitle } from "./fixtures/editor";


/** Each of `typed`'s characters appears in `text` in order (others' characters may sit between them). */
function containsInOrder(text: string, typed: string): boolean {
  let index = 0;
  for (const character of text) if (character === typed[index]) index += 1;
  return index === typed.length;
}

const sortedCharacters = (text: string) => [...text].sort().join("");

test.describe("co-editing a document", () => {
  // How fast is measured by `npm run bench` (propagation p50/p99), not here: these tests wait for the signal itself.
  test("two delegations see each other's text and labelled caret", async ({ browser, request }) => {
    const documentId = await createTestDocument(request, { title: uniqueTitle("Co-editing") });
    const albania = await openAs(browser, DEMO.al, `/documents/${documentId}`);
    const serbia = await openAs(browser, DEMO.rs, `/documents/${documentId}`);
    await expect(saveStatus(albania)).toHaveText("Saved");
    await expect(saveStatus(serbia)).toHaveText("Saved");

    await focusEndOfDocument(albania);
    await albania.keyboard.type("Albania proposes closer cooperation on trusted lists.");
    await expect.poll(() => documentText(serbia)).toContain("Albania proposes closer cooperation on trusted lists.");
    const albanianCaret = serbia.locator(".remote-caret").filter({ hasText: "Elira Hoxha · Albania" });
    await expect(albanianCaret).toBeVisible();
    await expect(albanianCaret).toHaveCSS("border-left-color", "rgb(200, 16, 46)");

    await focusEndOfDocument(serbia);
    await serbia.keyboard.press("Enter");
    await serbia.keyboard.type("Serbia agrees in principle.");
    await expect.poll(() => documentText(albania)).toContain("Serbia agrees in principle.");
    await expect(albania.locator(".remote-caret").filter({ hasText: "Nikola Petrović · Serbia" })).toBeVisible();

    // Both are listed as present, on both screens, and the text settles as saved.
    for (const page of [albania, serbia]) {
      await expect(page.getByTestId("presence-list")).toContainText("Elira Hoxha");
      await expect(page.getByTestId("presence-list")).toContainText("Nikola Petrović");
      await expect(saveStatus(page)).toHaveText("Saved");
    }
    // The header follows too: the last edit is Serbia's, on both screens, without reloading.
    await expect(albania.getByTestId("last-edit")).toContainText("by Nikola Petrović");
    await expect(serbia.getByTestId("last-edit")).toContainText("by Nikola Petrović");
    expect(await documentText(albania)).toBe("Albania proposes closer cooperation on trusted lists.\nSerbia agrees in principle.");
    expect(await documentText(serbia)).toBe(await documentText(albania));
  });

  test("a keystroke leaves the browser as it is typed, not when a timer says so", async ({ browser, request }) => {
    const documentId = await createTestDocument(request, { title: uniqueTitle("Sent at once") });
    const albania = await openAs(browser, DEMO.al, `/documents/${documentId}`);
    const serbia = await openAs(browser, DEMO.rs, `/documents/${documentId}`);
    await expect(saveStatus(albania)).toHaveText("Saved");
    await expect(saveStatus(serbia)).toHaveText("Saved");
    await focusEndOfDocument(albania);
    // From here no timer fires on Albania's page: anything sent only when a batching window closes never leaves it.
    await albania.clock.install();
    await albania.clock.pauseAt(Date.now() + 1_000);
    await albania.keyboard.type("Sent as typed.");
    await expect.poll(() => documentText(serbia)).toContain("Sent as typed.");
  });

  test("concurrent typing in the same paragraph converges to the same text", async ({ browser, request }) => {
    const documentId = await createTestDocument(request, { title: uniqueTitle("Concurrent typing") });
    const albania = await openAs(browser, DEMO.al, `/documents/${documentId}`);
    const serbia = await openAs(browser, DEMO.rs, `/documents/${documentId}`);
    await focusEndOfDocument(albania);
    await albania.keyboard.type("Shared paragraph:");
    await expect.poll(() => documentText(serbia)).toContain("Shared paragraph:");
    await focusEndOfDocument(serbia);
    await focusEndOfDocument(albania);

    const fromAlbania = " alpha one alpha two alpha three";
    const fromSerbia = " beta one beta two beta three";
    await Promise.all([albania.keyboard.type(fromAlbania, { delay: 15 }), serbia.keyboard.type(fromSerbia, { delay: 15 })]);

    const textOf = documentText;
    await expect.poll(async () => (await textOf(albania)) === (await textOf(serbia)) && (await textOf(albania)).length, { timeout: 30_000 }).toBe(
      "Shared paragraph:".length + fromAlbania.length + fromSerbia.length,
    );
    const converged = await textOf(albania);
    expect(converged.startsWith("Shared paragraph:")).toBe(true);
    expect(sortedCharacters(converged)).toBe(sortedCharacters("Shared paragraph:" + fromAlbania + fromSerbia));
    expect(containsInOrder(converged, fromAlbania)).toBe(true);
    expect(containsInOrder(converged, fromSerbia)).toBe(true);
    // Nothing was split into another paragraph along the way.
    await expect(documentBody(albania).locator("p")).toHaveCount(1);
    await expect(saveStatus(albania)).toHaveText("Saved");
    await expect(saveStatus(serbia)).toHaveText("Saved");
  });

  test("an observer has no editable surface and follows live edits", async ({ browser, request }) => {
    const documentId = await createTestDocument(request, { title: uniqueTitle("Observed"), template: "memorandum" });
    const observer = await openAs(browser, DEMO.ec, `/documents/${documentId}`);
    const albania = await openAs(browser, DEMO.al, `/documents/${documentId}`);

    await expect(documentBody(observer)).toContainText("Mutual recognition of trust services");
    await expect(observer.locator('[contenteditable="true"]')).toHaveCount(0);
    await expect(observer.getByRole("toolbar")).toHaveCount(0);
    await expect(documentBody(observer)).toHaveAttribute("contenteditable", "false");
    await expect(saveStatus(observer)).toHaveText("Following live edits");

    await focusEndOfDocument(albania);
    await albania.keyboard.press("Enter");
    await albania.keyboard.type("Article added while the Commission watches.");
    await expect.poll(() => documentText(observer)).toContain("Article added while the Commission watches.");

    // Typing into the observer's page changes nothing, locally or for others.
    await documentBody(observer).click();
    await observer.keyboard.type("observer text");
    await expect(documentBody(observer)).not.toContainText("observer text");
    await expect(documentBody(albania)).not.toContainText("observer text");

    // Observers are listed as present, marked as observing, on the delegate's screen.
    await expect(albania.getByTestId("presence-list")).toContainText("Claire Dubois");
    await expect(albania.getByTestId("presence-list").getByRole("listitem").filter({ hasText: "Claire Dubois" })).toContainText("observing");
  });

  test("edits made offline are kept on the device across a reload and merge on reconnect", async ({ browser, request }) => {
    const documentId = await createTestDocument(request, { title: uniqueTitle("Offline") });
    const albania = await openAs(browser, DEMO.al, `/documents/${documentId}`);
    const serbia = await openAs(browser, DEMO.rs, `/documents/${documentId}`);
    await expect(saveStatus(albania)).toHaveText("Saved");

    // The collaboration socket is cut (the page itself still loads): the person keeps writing.
    let isCut = true;
    await albania.routeWebSocket(/\/collab/, (socket) => {
      if (isCut) socket.close();
      else socket.connectToServer();
    });
    await albania.context().setOffline(true);
    await expect(saveStatus(albania)).toHaveText("Offline — changes kept on this device");
    await focusEndOfDocument(albania);
    await albania.keyboard.type("Drafted on the train without a connection.");
    await expect(documentBody(albania)).toContainText("Drafted on the train");
    await expect(documentBody(serbia)).not.toContainText("Drafted on the train");

    // Reloading while still cut off: the words come back from this device's copy.
    await albania.context().setOffline(false);
    albania.once("dialog", (dialog) => void dialog.accept());
    await albania.reload();
    await expect(documentBody(albania)).toContainText("Drafted on the train without a connection.");
    await expect(saveStatus(albania)).toHaveText("Offline — changes kept on this device");

    // The connection returns (the provider retries by itself): the edits reach the server and the other delegation.
    isCut = false;
    await expect(saveStatus(albania)).toHaveText("Saved");
    await expect(documentBody(serbia)).toContainText("Drafted on the train without a connection.");
  });

  test("edits left unsent in a document the person has left still make signing out ask; once sent, it does not", async ({ browser, request }) => {
    const title = uniqueTitle("Left unsent");
    const documentId = await createTestDocument(request, { title });
    const montenegro = await openAs(browser, DEMO.me);
    const socket = await openWithCuttableSocket(montenegro, documentId);
    await socket.cut();
    await focusEndOfDocument(montenegro);
    await montenegro.keyboard.type("Written on the plane.");
    await expect(saveStatus(montenegro)).toHaveText("Offline — changes kept on this device");

    // Leaving the page warns (the browser's own dialog), and the person leaves anyway.
    montenegro.once("dialog", (dialog) => void dialog.accept());
    await montenegro.goto("/documents");
    const question = montenegro.getByRole("dialog", { name: "Sign out with unsaved changes?" });
    await montenegro.getByRole("button", { name: "Sign out" }).click();
    // The question names the document, with a link back to it.
    await expect(question.getByRole("link", { name: title })).toHaveAttribute("href", `/documents/${documentId}`);
    await question.getByRole("button", { name: "Stay signed in" }).click();

    // Back in the document while connected: the words are stored, and signing out no longer asks.
    socket.restore();
    await montenegro.goto(`/documents/${documentId}`);
    await expect(documentBody(montenegro)).toContainText("Written on the plane.");
    await expect(saveStatus(montenegro)).toHaveText("Saved");
    await montenegro.goto("/documents");
    await montenegro.getByRole("button", { name: "Sign out" }).click();
    await expect(montenegro).toHaveURL(/\/login/);
    expect(await deviceCopies(montenegro)).toEqual([]);
  });

  test("a caret label near the right edge of the page runs left, staying on the page", async ({ browser, request }) => {
    const documentId = await createTestDocument(request, { title: uniqueTitle("Caret at the edge") });
    const albania = await openAs(browser, DEMO.al, `/documents/${documentId}`);
    const serbia = await openAs(browser, DEMO.rs, `/documents/${documentId}`);
    await focusEndOfDocument(albania);
    await albania.keyboard.insertText("The Parties shall recognise qualified trust services provided by trust service providers established in another Party. ".repeat(3));
    await expect.poll(() => documentText(serbia)).toContain("established in another Party.");
    const label = serbia.locator(".remote-caret__label").filter({ hasText: "Elira Hoxha · Albania" });
    const sheet = serbia.locator(".document-sheet");

    // At the start of the text the label runs right, as usual.
    await albania.keyboard.press("Control+Home");
    await expect.poll(async () => (await label.boundingBox())?.x ?? -1).toBeGreaterThan((await sheet.boundingBox())!.x);
    await expect(label.locator("xpath=..")).not.toHaveClass(/remote-caret--label-left/);

    // A few letters from the end of the first line (both pages are as wide; at the very end the caret would be drawn at
    // the start of the next line): the label runs left and ends inside the sheet.
    await albania.keyboard.press("End");
    await albania.keyboard.press("ArrowLeft");
    await albania.keyboard.press("ArrowLeft");
    await expect(label.locator("xpath=..")).toHaveClass(/remote-caret--label-left/);
    const [labelBox, sheetBox] = [await label.boundingBox(), await sheet.boundingBox()];
    expect(labelBox!.x + labelBox!.width).toBeLessThanOrEqual(sheetBox!.x + sheetBox!.width);
  });

  test("in a table's last column a caret label that would run past the table runs left", async ({ browser, request }) => {
    const documentId = await createTestDocument(request, { title: uniqueTitle("Caret in a table") });
    const albania = await openAs(browser, DEMO.al, `/documents/${documentId}`);
    const serbia = await openAs(browser, DEMO.rs, `/documents/${documentId}`);
    await focusEndOfDocument(albania);
    await albania.getByRole("button", { name: "Insert table" }).click();
    for (const heading of ["Economy", "Role"]) {
      await albania.keyboard.type(heading);
      await albania.keyboard.press("Tab");
    }
    await albania.keyboard.type("Telephone");
    const caret = serbia.locator(".remote-caret").filter({ hasText: "Elira Hoxha · Albania" });
    await expect(documentBody(serbia).locator("table")).toContainText("Telephone");
    await expect(caret).toHaveClass(/remote-caret--label-left/);
    // The case this is about: running right, the label would have ended past the table's edge, where its scrolling wrapper cuts it off.
    const wrapperRight = await serbia.locator(".tableWrapper").evaluate((element) => element.getBoundingClientRect().right);
    const [caretBox, labelBox] = [await caret.boundingBox(), await caret.locator(".remote-caret__label").boundingBox()];
    expect(caretBox!.x + labelBox!.width).toBeGreaterThan(wrapperRight);
    expect(labelBox!.x + labelBox!.width).toBeLessThanOrEqual(wrapperRight);
  });

  test("signing out deletes this device's copy of the documents", async ({ browser, request }) => {
    const documentId = await createTestDocument(request, { title: uniqueTitle("Shared computer") });
    const albania = await openAs(browser, DEMO.al, `/documents/${documentId}`);
    await focusEndOfDocument(albania);
    await albania.keyboard.type("A draft for the ministry only.");
    await expect(saveStatus(albania)).toHaveText("Saved");
    await expect.poll(() => deviceCopies(albania)).toHaveLength(1);
    const [copy] = await deviceCopies(albania);

    // The same person has the document open in a second tab, which holds the copy open too.
    const secondTab = await albania.context().newPage();
    await secondTab.goto(`/documents/${documentId}`);
    await expect(documentBody(secondTab)).toContainText("A draft for the ministry only.");

    // Nothing unsaved: no question, the session ends and the copy is gone, the other tab letting go of it.
    await albania.getByRole("button", { name: "Sign out" }).click();
    await expect(albania).toHaveURL(/\/login/);
    expect(await deviceCopies(albania)).toEqual([]);
    // The deletion is done rather than waiting for the second tab: opening the database there finds it new and empty
    // (a deletion still pending would hold the opening back; -1 after 5 s says so).
    const storesFound = await secondTab.evaluate(
      (name) =>
        new Promise<number>((resolve) => {
          setTimeout(() => resolve(-1), 5_000);
          const opening = indexedDB.open(name);
          opening.onsuccess = () => {
            resolve(opening.result.objectStoreNames.length);
            opening.result.close();
            indexedDB.deleteDatabase(name);
          };
        }),
      copy!,
    );
    expect(storesFound).toBe(0);
  });

  test("signing out with unsaved changes asks first, and a failed sign-out keeps them", async ({ browser, request }) => {
    const documentId = await createTestDocument(request, { title: uniqueTitle("Unsaved sign-out") });
    const albania = await openAs(browser, DEMO.al);
    await (await openWithCuttableSocket(albania, documentId)).cut();
    await expect(saveStatus(albania)).toHaveText("Offline — changes kept on this device");
    await focusEndOfDocument(albania);
    await albania.keyboard.type("Words that never reached the server.");
    await expect.poll(() => deviceCopies(albania)).toHaveLength(1);

    const signOut = albania.getByRole("button", { name: "Sign out" });
    const question = albania.getByRole("dialog", { name: "Sign out with unsaved changes?" });
    await signOut.click();
    await expect(question).toContainText("they are only on this device");
    await question.getByRole("button", { name: "Stay signed in" }).click();
    await expect(question).toHaveCount(0);
    await expect(documentBody(albania)).toContainText("Words that never reached the server.");

    // The session cannot be ended on the server (the request fails): nothing is deleted.
    await albania.route("**/api/auth/signout", (route) => route.abort("internetdisconnected"));
    await signOut.click();
    await question.getByRole("button", { name: "Sign out and discard them" }).click();
    await expect(albania.getByRole("alert").filter({ hasText: "Could not sign out" })).toBeVisible();
    await expect(albania).toHaveURL(new RegExp(`/documents/${documentId}`));
    expect(await deviceCopies(albania)).toHaveLength(1);

    // Once it can be, the person chooses to discard them.
    await albania.unroute("**/api/auth/signout");
    await signOut.click();
    await question.getByRole("button", { name: "Sign out and discard them" }).click();
    await expect(albania).toHaveURL(/\/login/);
    expect(await deviceCopies(albania)).toEqual([]);
    await albania.goto(`/documents/${documentId}`);
    await expect(albania).toHaveURL(/\/login/);
  });

  test("undo takes back only your own change", async ({ browser, request }) => {
    const documentId = await createTestDocument(request, { title: uniqueTitle("Undo") });
    const albania = await openAs(browser, DEMO.al, `/documents/${documentId}`);
    const serbia = await openAs(browser, DEMO.rs, `/documents/${documentId}`);
    await focusEndOfDocument(albania);
    await albania.keyboard.type("Albanian wording.");
    await expect.poll(() => documentText(serbia)).toContain("Albanian wording.");
    await focusEndOfDocument(serbia);
    await serbia.keyboard.press("Enter");
    await serbia.keyboard.type("Serbian wording.");
    await expect.poll(() => documentText(albania)).toContain("Serbian wording.");

    await albania.getByRole("button", { name: "Undo your last change" }).click();
    await expect(documentBody(albania)).not.toContainText("Albanian wording.");
    await expect(documentBody(albania)).toContainText("Serbian wording.");
    await expect.poll(() => documentText(serbia)).not.toContain("Albanian wording.");
  });

  test("article headings and notes made with the toolbar reach the other delegations", async ({ browser, request }) => {
    const documentId = await createTestDocument(request, { title: uniqueTitle("Structure") });
    const albania = await openAs(browser, DEMO.al, `/documents/${documentId}`);
    const serbia = await openAs(browser, DEMO.rs, `/documents/${documentId}`);
    await focusEndOfDocument(albania);
    await albania.keyboard.type("Cooperation");
    await albania.getByLabel("Text style").selectOption("article");
    await albania.keyboard.press("End");
    await albania.keyboard.press("Enter");
    await albania.keyboard.type("The Participants shall cooperate.");
    await albania.getByRole("button", { name: "Insert note" }).click();
    await expect(albania.getByLabel("Wording of note 1")).toBeFocused();
    await albania.keyboard.type("Including through the Working Group.");

    await expect(documentBody(serbia).locator("h2[data-article]")).toHaveText("Cooperation");
    await expect(documentBody(serbia).locator("sup.note-marker")).toHaveCount(1);
    await expect(serbia.getByLabel("Wording of note 1")).toHaveValue("Including through the Working Group.");
    await expect(saveStatus(albania)).toHaveText("Saved");
  });

  test("one delegation at a time writes a note's wording: the other sees who, read-only, until they leave it", async ({ browser, request }) => {
    const documentId = await createTestDocument(request, { title: uniqueTitle("Note writers") });
    const albania = await openAs(browser, DEMO.al, `/documents/${documentId}`);
    const serbia = await openAs(browser, DEMO.rs, `/documents/${documentId}`);
    await focusEndOfDocument(albania);
    await albania.keyboard.type("The Participants shall cooperate.");
    await albania.getByRole("button", { name: "Insert note" }).click();
    await expect(albania.getByLabel("Wording of note 1")).toBeFocused();
    await albania.keyboard.type("Including through the Working Group.");

    // Albania is in the note: Serbia reads it, told who writes, and its keystrokes change nothing.
    const serbianNote = serbia.getByLabel("Wording of note 1");
    await expect(serbianNote).toHaveValue("Including through the Working Group.");
    await expect(serbianNote).toHaveAttribute("readonly", "");
    await expect(serbianNote).toHaveAccessibleDescription("Elira Hoxha · Albania is writing this note; it opens for you when they leave it.");
    await serbianNote.focus();
    await serbia.keyboard.type(" Serbian words");
    await expect(albania.getByLabel("Wording of note 1")).toHaveValue("Including through the Working Group.");
    await expect(serbianNote).toHaveValue("Including through the Working Group.");

    // Albania goes back to the text: the note opens for Serbia, whose words then reach Albania.
    await serbianNote.blur();
    await focusEndOfDocument(albania);
    await expect(serbianNote).not.toHaveAttribute("readonly");
    await expect(serbia.getByText("is writing this note")).toHaveCount(0);
    await serbianNote.focus();
    await serbia.keyboard.press("End");
    await serbia.keyboard.type(" And bilaterally.");
    await expect(albania.getByLabel("Wording of note 1")).toHaveValue("Including through the Working Group. And bilaterally.");
    await expect(albania.getByLabel("Wording of note 1")).toHaveAttribute("readonly", "");
    await expect(albania.getByText("Nikola Petrović · Serbia is writing this note; it opens for you when they leave it.")).toBeVisible();
  });

  test("the document page has no detectable accessibility violations, for a delegate or an observer", async ({ browser, request }) => {
    // Two pages with axe over the whole workspace (text, comments and suggestions panels) take long on a 2-core machine.
    test.slow();
    const documentId = await createTestDocument(request, { title: uniqueTitle("Accessible"), template: "memorandum" });
    for (const [email, settled] of [[DEMO.al, "Saved"], [DEMO.ec, "Following live edits"]] as const) {
      const page = await openAs(browser, email, `/documents/${documentId}`);
      await expect(saveStatus(page)).toHaveText(settled);
      const { violations } = await new AxeBuilder({ page }).include(".document-workspace").analyze();
      expect(violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.html).join(", ")}`)).toEqual([]);
    }
  });

  test("formatting from the keyboard shows on the toolbar and reaches the other delegation", async ({ browser, request }) => {
    const documentId = await createTestDocument(request, { title: uniqueTitle("Formatting") });
    const albania = await openAs(browser, DEMO.al, `/documents/${documentId}`);
    const serbia = await openAs(browser, DEMO.rs, `/documents/${documentId}`);
    await focusEndOfDocument(albania);
    const bold = albania.getByRole("button", { name: "Bold" });
    await expect(bold).toHaveAttribute("aria-pressed", "false");
    await albania.keyboard.press("Control+B");
    await albania.keyboard.type("Binding");
    await expect(bold).toHaveAttribute("aria-pressed", "true");
    await albania.keyboard.press("Control+B");
    await albania.keyboard.type(" commitments, see ");

    await albania.keyboard.press("Control+K");
    const address = albania.getByLabel("Link address");
    await expect(address).toBeFocused();
    await address.fill("not a link at all");
    await address.press("Enter");
    await expect(albania.getByText("Enter a web address")).toBeVisible();
    await address.fill("www.rcc.int");
    await address.press("Enter");

    await expect(documentBody(serbia).locator("strong")).toHaveText("Binding");
    await expect(documentBody(serbia).getByRole("link", { name: "https://www.rcc.int/" })).toHaveAttribute("href", "https://www.rcc.int/");
  });

  test("the keyboard reaches the text in one stop, sees where it is, and comes back from a comment box", async ({ browser, request }) => {
    const documentId = await createTestDocument(request, { title: uniqueTitle("Keyboard path"), template: "memorandum" });
    const page = await openAs(browser, DEMO.al, `/documents/${documentId}`);
    const body = page.locator('.ProseMirror#document-body[contenteditable="true"]');
    await expect(body).toBeVisible();

    // The first Tab stop is the skip link; Enter puts the caret in the text, which shows a focus ring around the sheet.
    await page.keyboard.press("Tab");
    await expect(page.getByRole("link", { name: "Skip to the document text" })).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(body).toBeFocused();
    const ring = await page.locator(".document-sheet").evaluate((sheet) => ({ style: getComputedStyle(sheet).outlineStyle, width: getComputedStyle(sheet).outlineWidth }));
    expect(ring).toEqual({ style: "solid", width: "3px" });
    await page.keyboard.type("Typed from the skip link. ");
    await expect.poll(() => documentText(page)).toContain("Typed from the skip link.");

    // Escape from a new comment returns to the text with the passage still selected.
    await selectPhrase(page, "mutual recognition");
    await page.getByRole("button", { name: "Comment", exact: true }).click();
    await expect(page.getByRole("combobox", { name: "Comment", exact: true })).toBeFocused();
    await page.keyboard.press("Escape");
    await expect(body).toBeFocused();
    expect(await page.evaluate(() => window.getSelection()?.toString())).toBe("mutual recognition");

    // Escape from a reply returns to the Reply button that opened it.
    const card = await commentOn(page, "qualified trust services", { body: "Albania asks which services." });
    await card.getByRole("button", { name: "Reply" }).click();
    await expect(card.getByRole("combobox", { name: "Reply" })).toBeFocused();
    await page.keyboard.press("Escape");
    await expect(threadCard(page, "Albania asks which services.").getByRole("button", { name: "Reply" })).toBeFocused();
  });
});

/** The names of the document copies this browser keeps (components/editor/device-copies.ts). */
function deviceCopies(page: Page): Promise<string[]> {
  return page.evaluate(async () => (await indexedDB.databases()).map((database) => database.name ?? "").filter((name) => name.startsWith("accord:")));
}
