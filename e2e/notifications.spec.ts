import { type Page } from "@playwright/test";
import { expect, test } from "./fixtures/test";
import { DEMO, openAs, signInWithRequest } from "./fixtures/accounts";
import { daysFromToday } from "./fixtures/dates";
import { selectPhrase } from "./fixtures/comments";
import { createTestDocument, uniqueTitle } from "./fixtures/editor";

/** The bell's unread count as it announces it ("Notifications, 3 unread"). */
async function unreadCount(page: Page): Promise<number> {
  const label = (await page.getByTestId("notification-bell").getAttribute("aria-label")) ?? "";
  return Number(/(\d+) unread/.exec(label)?.[1] ?? 0);
}

test("a delegate's bell counts a mention by another delegate, and the notification opens the thread", async ({ browser, request }) => {
  const title = uniqueTitle("Mention MoU");
  const documentId = await createTestDocument(request, { title, template: "memorandum" });

  const serbia = await openAs(browser, DEMO.rs, "/documents");
  await expect(serbia.getByTestId("notification-bell")).toBeVisible();
  const before = await unreadCount(serbia);

  const albania = await openAs(browser, DEMO.al, `/documents/${documentId}`);
  await selectPhrase(albania, "Purpose");
  await albania.getByRole("button", { name: "Comment", exact: true }).click();
  const box = albania.getByRole("combobox", { name: "Comment", exact: true });
  await box.pressSequentially("Please look at this, @Niko");
  await albania.getByRole("option", { name: /Nikola Petrović/ }).click();
  await box.pressSequentially(" — thank you");
  await albania.getByRole("button", { name: "Post comment" }).click();
  const card = albania.getByTestId("comments-panel").locator(".thread-card[data-thread-id]", { hasText: "thank you" });
  await expect(card).toBeVisible();
  const threadId = await card.getAttribute("data-thread-id");

  // The bell updates by itself, without a reload.
  await expect.poll(() => unreadCount(serbia), { timeout: 20_000 }).toBeGreaterThan(before);
  await serbia.getByTestId("notification-bell").click();
  await expect(serbia).toHaveURL(/\/notifications$/);
  const item = serbia.getByTestId("notification-list").getByRole("button", { name: new RegExp(`Elira Hoxha \\(Albania\\) mentioned you in "${title}"`) });
  await expect(item).toBeVisible();
  await item.click();
  await expect(serbia).toHaveURL(new RegExp(`/documents/${documentId}\\?thread=${threadId}`));
  const threadOnArrival = serbia.getByTestId("comments-panel").locator(`.thread-card[data-thread-id="${threadId}"]`);
  await expect(threadOnArrival).toBeVisible();
  await expect(threadOnArrival).toHaveAttribute("aria-current", "true");
  await expect(threadOnArrival).toBeInViewport();

  // Opening it marked it read.
  await serbia.goto("/notifications");
  await expect(serbia.getByTestId("notification-list").locator("li", { hasText: title })).not.toContainText("Unread:");
});

test("the secretariat reads the emails Accord would send on the outbox page; others cannot", async ({ browser, request }) => {
  await signInWithRequest(request, DEMO.secretariat);
  const title = uniqueTitle("Outbox meeting");
  const meetingDay = daysFromToday(40);
  const response = await request.post("/api/meetings", {
    data: { title, startsAt: `${meetingDay}T10:00`, endsAt: `${meetingDay}T12:00`, timeZone: "Europe/Belgrade", format: "ONLINE", onlineUrl: "https://meet.example.org/wg" },
  });
  expect(response.status(), await response.text()).toBe(200);

  const secretariat = await openAs(browser, DEMO.secretariat, "/notifications/outbox");
  await expect(secretariat.getByTestId("outbox-store-only")).toBeVisible();
  // One meeting's invitations (one per attendee) can fill the first page: the secretariat asks for the Commission's.
  await secretariat.getByRole("searchbox", { name: "Recipient", exact: true }).fill("EC@accord");
  await secretariat.getByRole("button", { name: "Find", exact: true }).click();
  await expect(secretariat.getByRole("heading", { name: "to addresses containing “EC@accord”" })).toBeVisible();
  // Every invitation lists every attendee, so the row is found by its recipient, not by its text.
  const invitation = secretariat.getByTestId("outbox").locator(`tr[data-to="${DEMO.ec}"]`, { hasText: `Invitation: ${title}` });
  await expect(async () => {
    await secretariat.reload();
    await expect(invitation).toContainText("Kept here (no mail server)", { timeout: 1000 });
  }).toPass({ timeout: 30_000 });
  await expect(invitation).toContainText("Calendar request");
  // Only the Commission's emails are listed, whatever the case of the search.
  expect(new Set(await secretariat.getByTestId("outbox").locator("tbody tr[data-to]").evaluateAll((rows) => rows.map((row) => row.getAttribute("data-to"))))).toEqual(new Set([DEMO.ec]));
  await invitation.locator("summary").click();
  await expect(invitation.locator("pre").nth(1)).toContainText("METHOD:REQUEST");
  await expect(invitation.locator("pre").nth(1)).toContainText("ORGANIZER");

  const observer = await openAs(browser, DEMO.ec, "/notifications/outbox");
  await expect(observer.getByRole("heading", { name: /not found/i })).toBeVisible();
});

test("email settings: a person chooses per kind, and invitations stay on", async ({ browser }) => {
  const page = await openAs(browser, DEMO.me, "/notifications");
  const preferences = page.getByTestId("notification-preferences");
  const replies = preferences.getByRole("radiogroup", { name: "Replies" });
  await replies.getByText("Daily digest").click();
  await page.reload();
  await expect(preferences.getByRole("radiogroup", { name: "Replies" }).getByRole("radio", { name: "Daily digest" })).toBeChecked();
  await expect(preferences.locator("form", { hasText: "Meeting invitations" })).toContainText("Always on");
});
