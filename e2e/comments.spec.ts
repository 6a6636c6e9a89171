import { type Browser, type Page } from "@playwright/test";
import { expect, test } from "./fixtures/test";
import { DEMO, openAs, signIn } from "./fixtures/accounts";
import { commentOn, expectAnchorStored, expectCounts, highlightedText, placeCaret, selectPhrase, threadCard } from "./fixtures/comments";
import { createTestDocument, documentText, saveStatus, uniqueTitle } from "./fixtures/editor";

/** A signed-in API client for one demo account. */
async function apiAs(browser: Browser, email: string) {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, email);
  return page.request;
}

async function openDocument(browser: Browser, email: string, documentId: string): Promise<Page> {
  const page = await openAs(browser, email, `/documents/${documentId}`);
  await expect(page.getByTestId("comments-panel")).toBeVisible();
  return page;
}

test.describe("comments over the API", () => {
  test("refusals answer 403 and store nothing; invalid comments answer 400 with the field", async ({ browser, request }) => {
    const documentId = await createTestDocument(request, { title: uniqueTitle("Comment refusals") });
    const albania = await apiAs(browser, DEMO.al);
    const serbia = await apiAs(browser, DEMO.rs);
    const commission = await apiAs(browser, DEMO.ec);

    const created = await albania.post(`/api/documents/${documentId}/threads`, { data: { kind: "REMARK", quote: "Purpose", body: "Albania's remark." } });
    expect(created.status(), await created.text()).toBe(200);
    const { thread } = await created.json();
    expect(thread).toMatchObject({ organisationCode: "AL", status: "OPEN" });
    const commentId = thread.comments[0].id;
    const forgedActor = { id: "x", role: "SECRETARIAT", organisationCode: "RCC", isActive: true };

    const refusals = [
      // A delegate cannot post as another economy, whatever the body says.
      serbia.post(`/api/documents/${documentId}/threads`, { data: { kind: "REMARK", quote: "Purpose", body: "As Albania.", organisationCode: "AL" } }),
      serbia.post(`/api/threads/${thread.id}/comments`, { data: { body: "Albania withdraws.", organisationCode: "AL" } }),
      // Nor resolve another economy's thread, nor touch someone else's comment.
      serbia.post(`/api/threads/${thread.id}/resolve`, { data: { actor: forgedActor } }),
      serbia.patch(`/api/comments/${commentId}`, { data: { body: "Rewritten by Serbia." } }),
      serbia.delete(`/api/comments/${commentId}`),
      // An observer can do nothing but read.
      commission.post(`/api/documents/${documentId}/threads`, { data: { kind: "QUESTION", quote: "Purpose", body: "Why?", actor: forgedActor } }),
      commission.post(`/api/threads/${thread.id}/comments`, { data: { body: "The Commission agrees." } }),
      commission.patch(`/api/comments/${commentId}`, { data: { body: "Rewritten by an observer." } }),
      commission.post(`/api/threads/${thread.id}/resolve`),
    ];
    for (const response of await Promise.all(refusals)) {
      expect(response.status(), `${response.url()}: ${await response.text()}`).toBe(403);
    }

    const empty = await albania.post(`/api/threads/${thread.id}/comments`, { data: { body: "   " } });
    expect(empty.status()).toBe(400);
    expect((await empty.json()).error.fieldErrors.body).toEqual(["Write something before posting."]);
    const oversized = await albania.post(`/api/documents/${documentId}/threads`, { data: { kind: "REMARK", quote: "Purpose", body: "x".repeat(5001) } });
    expect(oversized.status()).toBe(400);
    expect((await oversized.json()).error.fieldErrors.body).toHaveLength(1);
    const malformed = await albania.post(`/api/documents/${documentId}/threads`, { data: ["not", "an", "object"] });
    expect(malformed.status()).toBe(400);
    expect((await (await browser.newContext()).request.get(`/api/documents/${documentId}/threads`)).status()).toBe(401);

    const listed = await (await commission.get(`/api/documents/${documentId}/threads`)).json();
    expect(listed.threads).toHaveLength(1);
    expect(listed.threads[0]).toMatchObject({ status: "OPEN", comments: [{ id: commentId, body: "Albania's remark.", editedAt: null, deletedAt: null }] });
    expect(listed.summary.find((row: { organisationCode: string }) => row.organisationCode === "AL")).toEqual({ organisationCode: "AL", open: 1, answered: 0, resolved: 0 });
  });
});

test.describe("comments beside the document", () => {
  test("Albania comments, Serbia sees it live and replies, the secretariat resolves; the counts follow everywhere", async ({ browser, request }) => {
    const documentId = await createTestDocument(request, { title: uniqueTitle("Live comments"), template: "memorandum" });
    const albania = await openDocument(browser, DEMO.al, documentId);
    const serbia = await openDocument(browser, DEMO.rs, documentId);
    const secretariat = await openDocument(browser, DEMO.secretariat, documentId);
    const commission = await openDocument(browser, DEMO.ec, documentId);
    const everyone = [albania, serbia, secretariat, commission];
    for (const page of everyone) await expectCounts(page, "AL", { open: 0, answered: 0, resolved: 0 });

    const passage = "mutual recognition of qualified trust services";
    await commentOn(albania, passage, { body: "Albania asks to cover qualified electronic seals explicitly.", kind: "QUESTION" });

    // Serbia sees the thread without reloading, under Albania's name and colour, on its passage.
    const seenBySerbia = threadCard(serbia, "Albania asks to cover qualified electronic seals");
    await expect(seenBySerbia).toBeVisible();
    await expect(seenBySerbia).toHaveAttribute("data-economy", "AL");
    await expect(seenBySerbia.locator(".comment").first()).toContainText("Elira Hoxha");
    await expect(seenBySerbia.locator('.badge--economy[data-economy="AL"]').first()).toContainText("Albania");
    await expect(seenBySerbia.getByTestId("thread-status")).toHaveText("Open");
    const threadId = await seenBySerbia.getAttribute("data-thread-id");
    await expect.poll(() => highlightedText(serbia, threadId!)).toBe(passage);
    for (const page of everyone) await expectCounts(page, "AL", { open: 1, answered: 0, resolved: 0 });

    // Serbia cannot settle Albania's point, but can answer it.
    await expect(seenBySerbia.getByRole("button", { name: "Resolve" })).toHaveCount(0);
    await seenBySerbia.getByRole("button", { name: "Reply" }).click();
    await seenBySerbia.getByRole("combobox", { name: "Reply" }).fill("Serbia supports adding seals.");
    await seenBySerbia.getByRole("button", { name: "Post reply" }).click();
    const seenByAlbania = threadCard(albania, "Albania asks to cover qualified electronic seals");
    await expect(seenByAlbania).toContainText("Serbia supports adding seals.");
    await expect(seenByAlbania.locator(".comment").nth(1).locator('.badge--economy[data-economy="RS"]')).toContainText("Serbia");
    for (const page of everyone) {
      await expect(threadCard(page, "Albania asks").getByTestId("thread-status")).toHaveText("Answered");
      await expectCounts(page, "AL", { open: 0, answered: 1, resolved: 0 });
    }

    // The observer reads everything and is offered nothing.
    const seenByCommission = threadCard(commission, "Albania asks");
    await expect(seenByCommission).toContainText("Serbia supports adding seals.");
    await expect(seenByCommission.getByRole("button")).toHaveCount(1); // only "show the passage"
    await expect(commission.getByRole("button", { name: "Comment", exact: true })).toHaveCount(0);

    await threadCard(secretariat, "Albania asks").getByRole("button", { name: "Resolve" }).click();
    for (const page of everyone) {
      await expect(threadCard(page, "Albania asks").getByTestId("thread-status")).toHaveText("Resolved");
      await expectCounts(page, "AL", { open: 0, answered: 0, resolved: 1 });
    }
    await expect(threadCard(albania, "Albania asks")).toContainText("Resolved by Ana Kovačević");
    await expect(threadCard(albania, "Albania asks").getByRole("button", { name: "Reopen" })).toBeVisible();
    await expect(threadCard(serbia, "Albania asks").getByRole("button", { name: "Reopen" })).toHaveCount(0);
  });

  test("undo and redo never touch a comment's anchor, for its author or anyone else; only deleting the words detaches it", async ({ browser, request }) => {
    // Two browsers and many round trips: long on a 2-core machine, so the waits below get room too.
    test.slow();
    const documentId = await createTestDocument(request, { title: uniqueTitle("Undo keeps anchors"), template: "memorandum" });
    const albania = await openDocument(browser, DEMO.al, documentId);
    const serbia = await openDocument(browser, DEMO.rs, documentId);
    const passage = "mutual recognition of qualified trust services";

    // Albania's own edit just before commenting is in her undo history; the anchor must not be.
    await placeCaret(albania, "The Participants, Albania", 0);
    // One insertion, so it is one undo step whatever the machine's speed (typed keys merge only within half a second).
    await albania.keyboard.insertText("Together, ");
    await expect(saveStatus(albania)).toHaveText("Saved");
    const card = await commentOn(albania, passage, { body: "Albania asks which services." });
    const threadId = (await card.getAttribute("data-thread-id"))!;
    await expect.poll(() => highlightedText(serbia, threadId), { timeout: 30_000 }).toBe(passage);

    // Ctrl+Z in the text undoes Albania's typing, not her comment's anchor.
    await placeCaret(albania, "Participants, Albania", 0);
    await albania.keyboard.press("Control+z");
    await expect.poll(() => documentText(albania)).not.toContain("Together, ");
    await expect.poll(() => documentText(serbia)).not.toContain("Together, ");
    await expect(saveStatus(albania)).toHaveText("Saved");
    for (const page of [albania, serbia]) {
      await expect.poll(() => highlightedText(page, threadId)).toBe(passage);
      await expect(threadCard(page, "Albania asks which services.")).not.toContainText("Detached");
    }
    // A second Ctrl+Z has nothing of Albania's left to undo; redo brings back only the typing.
    await albania.keyboard.press("Control+z");
    await albania.keyboard.press("Control+Shift+z");
    await expect.poll(() => documentText(serbia)).toContain("Together, The Participants, Albania");
    await expect(saveStatus(albania)).toHaveText("Saved");
    await expect.poll(() => highlightedText(serbia, threadId)).toBe(passage);

    // Serbia's undo is Serbia's alone: it cannot reach Albania's anchor either.
    await placeCaret(serbia, passage, 3);
    await serbia.keyboard.press("Control+z");
    await serbia.keyboard.press("Control+Shift+z");
    for (const page of [albania, serbia]) {
      await page.reload();
      await expect.poll(() => highlightedText(page, threadId)).toBe(passage);
      await expect(threadCard(page, "Albania asks which services.")).not.toContainText("Detached");
    }

    // The thread detaches when its words are really deleted.
    await selectPhrase(serbia, passage);
    await serbia.keyboard.press("Backspace");
    await expect(threadCard(albania, "Albania asks which services.")).toContainText("Detached");
  });

  test("on a wide screen each thread sits beside its passage, and a click on either brings the other forward", async ({ browser, request }) => {
    const documentId = await createTestDocument(request, { title: uniqueTitle("Threads beside passages"), template: "memorandum" });
    const albania = await openDocument(browser, DEMO.al, documentId);
    const commission = await openDocument(browser, DEMO.ec, documentId);
    const passages = ["mutual recognition of qualified trust services", "shall adopt its rules of procedure"];
    const first = await commentOn(albania, passages[0]!, { body: "Albania: which services?" });
    const second = await commentOn(albania, passages[1]!, { body: "Albania: adopted when?" });
    const ids = [(await first.getAttribute("data-thread-id"))!, (await second.getAttribute("data-thread-id"))!];

    for (const page of [albania, commission]) {
      for (const [index, body] of ["Albania: which services?", "Albania: adopted when?"].entries()) {
        const highlight = page.locator(`.ProseMirror [data-comment-thread="${ids[index]}"]`).first();
        await highlight.scrollIntoViewIfNeeded();
        // Level with its passage (the card's top with the first line of the passage), as in Google Docs and Word.
        await expect.poll(async () => Math.abs((await threadCard(page, body).boundingBox())!.y - (await highlight.boundingBox())!.y)).toBeLessThan(12);
      }
    }

    // The per-economy summary is folded away until asked for.
    await expect(commission.getByTestId("economy-summary")).toBeHidden();
    await commission.getByText("Where each economy stands").click();
    await expect(commission.getByTestId("economy-summary")).toBeVisible();

    // An observer clicks a highlight: its thread comes forward and takes the keyboard focus.
    await commission.evaluate(() => window.scrollTo(0, 0));
    const secondHighlight = commission.locator(`.ProseMirror [data-comment-thread="${ids[1]}"]`).first();
    await secondHighlight.click();
    await expect(threadCard(commission, "Albania: adopted when?")).toBeFocused();
    await expect(threadCard(commission, "Albania: adopted when?")).toHaveAttribute("aria-current", "true");
    await expect(threadCard(commission, "Albania: adopted when?")).toBeInViewport();
    // And the reverse: choosing a thread brings its passage into view.
    await commission.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await threadCard(commission, "Albania: which services?").getByRole("button", { name: /^Show the passage in the text/ }).click();
    await expect(commission.locator(`.ProseMirror [data-comment-thread="${ids[0]}"]`).first()).toBeInViewport();
    await expect(threadCard(commission, "Albania: which services?")).toHaveAttribute("aria-current", "true");
  });

  test("at phone width the document page fits the screen and the comments are a drawer one tap away", async ({ browser, request }) => {
    const documentId = await createTestDocument(request, { title: uniqueTitle("Phone width"), template: "memorandum" });
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await signIn(page, DEMO.al);
    await page.goto(`/documents/${documentId}`);
    await expect(page.locator('.ProseMirror#document-body[contenteditable="true"]')).toBeVisible();

    // Nothing in the page is wider than the screen; the toolbar scrolls inside itself.
    const overflowing = await page.locator("#main").evaluate((main) =>
      [...main.querySelectorAll("*")]
        .filter((element) => !element.closest(".editor-toolbar") && getComputedStyle(element).visibility !== "hidden")
        .filter((element) => element.getBoundingClientRect().right > window.innerWidth + 0.5 || element.getBoundingClientRect().left < -0.5)
        .map((element) => `${element.tagName}.${element.className}`),
    );
    expect(overflowing).toEqual([]);
    const toolbar = await page.locator(".editor-toolbar").boundingBox();
    expect(toolbar!.x + toolbar!.width).toBeLessThanOrEqual(390);

    const panel = page.getByTestId("comments-panel");
    const toggle = page.getByRole("button", { name: "Comments", exact: true });
    await expect(panel).toBeHidden();
    await toggle.click();
    await expect(panel).toBeInViewport();
    await expect(page.getByRole("button", { name: "Close comments" })).toBeFocused();
    await page.keyboard.press("Escape");
    await expect(panel).toBeHidden();
    await expect(toggle).toBeFocused();

    // Starting a comment opens the drawer on the comment box.
    await commentOn(page, "mutual recognition of qualified trust services", { body: "Commented from a phone." });
    await expect(threadCard(page, "Commented from a phone.")).toBeInViewport();
    await page.getByRole("button", { name: "Close comments" }).click();
    await expect(panel).toBeHidden();
  });

  test("narrowing the window hides the side column at once; the drawer still slides in and out", async ({ browser, request }) => {
    const documentId = await createTestDocument(request, { title: uniqueTitle("Narrowing"), template: "memorandum" });
    const page = await openDocument(browser, DEMO.al, documentId);
    const aside = page.locator(".document-workspace__aside");
    // Every transition the side column itself starts, by property.
    await aside.evaluate((element) => {
      const slides: string[] = [];
      Object.assign(window, { slides });
      element.addEventListener("transitionrun", (event) => {
        if (event.target === element) slides.push((event as TransitionEvent).propertyName);
      });
    });
    const slides = () => page.evaluate(() => (window as unknown as { slides: string[] }).slides);

    await page.setViewportSize({ width: 390, height: 844 });
    const toggle = page.getByRole("button", { name: "Comments", exact: true });
    await expect(toggle).toBeVisible();
    await expect(aside).toBeHidden();
    // Two frames after the narrowing, a slide would have started: the column slid across the text before.
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    expect(await slides()).toEqual([]);

    await toggle.click();
    await expect(aside).toBeInViewport();
    await expect.poll(slides).toEqual(["transform"]);
    await page.getByRole("button", { name: "Close comments" }).click();
    await expect(aside).toHaveAttribute("data-drawer-open", "false");
    await expect(aside).toBeHidden();
    expect((await slides()).filter((property) => property === "transform")).toHaveLength(2);
  });

  test("the passage keeps its highlight on the right words through another client's edits and a reload", async ({ browser, request }) => {
    const documentId = await createTestDocument(request, { title: uniqueTitle("Anchored comment"), template: "memorandum" });
    const albania = await openDocument(browser, DEMO.al, documentId);
    const serbia = await openDocument(browser, DEMO.rs, documentId);
    const passage = "mutual recognition of qualified trust services";
    const card = await commentOn(albania, passage, { body: "Which services exactly?" });
    const threadId = (await card.getAttribute("data-thread-id"))!;
    await expect.poll(() => highlightedText(serbia, threadId)).toBe(passage);

    // Serbia edits just before, inside and just after the passage, and deletes a word near it.
    await placeCaret(serbia, passage, "mutual recognition of ".length);
    await serbia.keyboard.type("certain ");
    await placeCaret(serbia, "mutual recognition of certain", 0);
    await serbia.keyboard.type("full ");
    await placeCaret(serbia, "certain qualified trust services", "certain qualified trust services".length);
    await serbia.keyboard.type(" and seals");
    await selectPhrase(serbia, "public ");
    await serbia.keyboard.press("Backspace");
    await expect(saveStatus(serbia)).toHaveText("Saved");

    const edited = "full mutual recognition of certain qualified trust services and seals provided";
    await expect.poll(() => documentText(albania)).toContain(`their electronic services and the ${edited}`);
    await expect.poll(() => highlightedText(albania, threadId)).toBe("mutual recognition of certain qualified trust services");

    for (const page of [albania, serbia]) {
      await page.reload();
      await expect.poll(() => documentText(page)).toContain(edited);
      await expect.poll(() => highlightedText(page, threadId)).toBe("mutual recognition of certain qualified trust services");
    }

    // Choosing the thread in the panel brings its passage into view.
    const highlight = albania.locator(`.ProseMirror [data-comment-thread="${threadId}"]`).first();
    await albania.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await expect(highlight).not.toBeInViewport();
    await threadCard(albania, "Which services exactly?").getByRole("button", { name: /^Show the passage in the text/ }).click();
    await expect(highlight).toBeInViewport();
    await expect(threadCard(albania, "Which services exactly?")).toHaveAttribute("aria-current", "true");

    // Once its words are deleted entirely, the thread stays listed as detached, with what it was made on.
    await selectPhrase(serbia, "mutual recognition of certain qualified trust services");
    await serbia.keyboard.press("Backspace");
    await expect(threadCard(albania, "Which services exactly?")).toContainText("Detached");
    await expect(threadCard(albania, "Which services exactly?")).toContainText(`“${passage}”`);
  });

  test("the secretariat applies a proposal's wording in one step", async ({ browser, request }) => {
    const documentId = await createTestDocument(request, { title: uniqueTitle("Proposal"), template: "memorandum" });
    const albania = await openDocument(browser, DEMO.al, documentId);
    const serbia = await openDocument(browser, DEMO.rs, documentId);
    const secretariat = await openDocument(browser, DEMO.secretariat, documentId);
    await commentOn(albania, "Each Participant shall recognise", {
      kind: "PROPOSAL",
      wording: "Each Participant shall fully recognise",
      body: "Albania proposes a stronger commitment.",
    });
    // Only the secretariat is offered the step.
    await expect(threadCard(serbia, "stronger commitment")).toBeVisible();
    await expect(threadCard(serbia, "stronger commitment").getByRole("button", { name: "Apply to the text" })).toHaveCount(0);
    await expect(threadCard(albania, "stronger commitment").getByRole("button", { name: "Apply to the text" })).toHaveCount(0);

    // Serbia objects just before the secretariat acts: the confirmation shows the passage before and after, and the objection.
    await threadCard(serbia, "stronger commitment").getByRole("button", { name: "Reply" }).click();
    await threadCard(serbia, "stronger commitment").getByRole("combobox", { name: "Reply" }).fill("Serbia objects: not before the legal review.");
    await threadCard(serbia, "stronger commitment").getByRole("button", { name: "Post reply" }).click();
    await expect(threadCard(secretariat, "stronger commitment")).toContainText("Serbia objects");
    const apply = threadCard(secretariat, "stronger commitment").getByRole("button", { name: "Apply to the text" });
    await apply.click();
    const dialog = secretariat.getByRole("dialog", { name: /Apply the proposal from/ });
    await expect(dialog.getByRole("region", { name: "The passage now" })).toHaveText("The passage nowEach Participant shall recognise");
    await expect(dialog.getByRole("region", { name: "After applying" })).toHaveText("After applyingEach Participant shall fully recognise");
    await expect(dialog).toContainText("Replies since the proposal (1)");
    await expect(dialog.locator(".comment")).toHaveCount(1);
    await expect(dialog.locator(".comment")).toContainText("Serbia objects: not before the legal review.");
    await expect(dialog.locator(".comment .badge--economy")).toHaveAttribute("data-economy", "RS");

    // Cancelling changes nothing and gives the keyboard back to the button.
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await expect(dialog).toBeHidden();
    await expect(apply).toBeFocused();
    await expect(threadCard(serbia, "stronger commitment").getByTestId("thread-status")).toHaveText("Answered");
    expect(await documentText(serbia)).toContain("Each Participant shall recognise qualified trust services provided by");

    await apply.click();
    await dialog.getByRole("button", { name: "Apply the new wording" }).click();
    await expect.poll(() => documentText(serbia)).toContain("Each Participant shall fully recognise qualified trust services provided by");
    for (const page of [albania, serbia, secretariat]) {
      await expect(threadCard(page, "stronger commitment")).toContainText("Applied to the text");
      await expect(threadCard(page, "stronger commitment").getByTestId("thread-status")).toHaveText("Resolved");
      await expectCounts(page, "AL", { open: 0, answered: 0, resolved: 1 });
    }
    await expect(dialog).toBeHidden();
    // The thread stays linked to the new words.
    const threadId = await threadCard(serbia, "stronger commitment").getAttribute("data-thread-id");
    await expect(serbia.locator(`.comment-anchor[data-thread-id="${threadId}"]`)).toHaveText("Each Participant shall fully recognise");
  });

  test("the secretariat turns a proposal into Albania's suggestion in the text, to be decided later", async ({ browser, request }) => {
    const documentId = await createTestDocument(request, { title: uniqueTitle("Proposal to suggestion"), template: "memorandum" });
    const albania = await openDocument(browser, DEMO.al, documentId);
    const secretariat = await openDocument(browser, DEMO.secretariat, documentId);
    await commentOn(albania, "Each Participant shall recognise", {
      kind: "PROPOSAL",
      wording: "Each Participant shall fully recognise",
      body: "Albania proposes a stronger commitment.",
    });
    // The passage's anchor is stored before the secretariat acts on it.
    await expectAnchorStored(albania, threadCard(albania, "stronger commitment"), "Each Participant shall recognise");
    await expect(threadCard(albania, "stronger commitment").getByRole("button", { name: "Turn into suggestion" })).toHaveCount(0);

    await threadCard(secretariat, "stronger commitment").getByRole("button", { name: "Turn into suggestion" }).click();
    const dialog = secretariat.getByRole("dialog", { name: /Turn into a suggestion the proposal from/ });
    await expect(dialog).toContainText("The text does not change yet");
    await expect(dialog.getByRole("region", { name: "Suggested instead" })).toHaveText("Suggested insteadEach Participant shall fully recognise");
    await dialog.getByRole("button", { name: "Turn into suggestion" }).click();
    await expect(dialog).toBeHidden();

    // Both see the passage struck through and the wording inserted, in Albania's name, not the secretariat's.
    for (const page of [albania, secretariat]) {
      await expect(page.locator('.ProseMirror del[data-economy="AL"]')).toHaveText("Each Participant shall recognise");
      await expect(page.locator('.ProseMirror ins[data-economy="AL"]')).toHaveText("Each Participant shall fully recognise");
      await expect(page.locator(".ProseMirror ins.suggestion")).toHaveAttribute("title", /^Suggested insertion by .+ \(AL\)$/);
      await expect(threadCard(page, "stronger commitment").getByTestId("thread-status")).toHaveText("Resolved");
      await expect(threadCard(page, "stronger commitment")).toContainText("Turned into a suggestion in the text");
    }
    await expect(threadCard(secretariat, "stronger commitment").getByRole("button", { name: /Apply to the text|Turn into suggestion/ })).toHaveCount(0);
  });
});
