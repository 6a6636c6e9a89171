import fs from "node:fs";
import ICAL from "ical.js";
import { type APIRequestContext, type Page } from "@playwright/test";
import { expect, test } from "./fixtures/test";
import { DEMO, openAs, signIn } from "./fixtures/accounts";
import { daysFromToday } from "./fixtures/dates";
import { documentBody, focusEndOfDocument, saveStatus } from "./fixtures/editor";

const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/** A calendar day as the form takes it ("2031-03-28"), the meeting page writes it ("Friday 28 March 2031") and the local time ("28 Mar 2031"). */
function calendarDay(date: Date) {
  const [day, month, year] = [date.getUTCDate(), MONTHS[date.getUTCMonth()], date.getUTCFullYear()];
  return { iso: date.toISOString().slice(0, 10), long: `${WEEKDAYS[date.getUTCDay()]} ${day} ${month} ${year}`, short: `${day} ${month.slice(0, 3)} ${year}` };
}

/**
 * The Friday before and the Tuesday after Belgrade changes to summer time (the last Sunday of March) next
 * year: always ahead of the server's clock whatever today is, and on either side of the change (CET, UTC+1,
 * then CEST, UTC+2), while New York is already on summer time (UTC-4) on both.
 */
function daysAroundSpringForward() {
  const year = new Date().getUTCFullYear() + 1;
  const lastOfMarch = new Date(Date.UTC(year, 2, 31));
  const lastSunday = Date.UTC(year, 2, 31 - lastOfMarch.getUTCDay());
  return { friday: calendarDay(new Date(lastSunday - 2 * 86_400_000)), tuesday: calendarDay(new Date(lastSunday + 2 * 86_400_000)) };
}

const uniqueTitle = (label: string) => `${label} ${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`;

type ParsedEvent = { uid: string; sequence: number; start: string; end: string; status: string | null };

/** Parses iCalendar text with ical.js and returns each event with its UTC instants. */
function parseCalendar(text: string): ParsedEvent[] {
  const calendar = new ICAL.Component(ICAL.parse(text));
  return calendar.getAllSubcomponents("vevent").map((component) => {
    const event = new ICAL.Event(component);
    return {
      uid: event.uid,
      sequence: event.sequence,
      start: event.startDate.toJSDate().toISOString(),
      end: event.endDate.toJSDate().toISOString(),
      status: component.getFirstPropertyValue("status") as string | null,
    };
  });
}

async function feedEvent(request: APIRequestContext, feedUrl: string, uid: string): Promise<ParsedEvent> {
  const response = await request.get(new URL(feedUrl).pathname);
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toContain("text/calendar");
  const event = parseCalendar(await response.text()).find((entry) => entry.uid === uid);
  expect(event, `event ${uid} in the subscription feed`).toBeDefined();
  return event!;
}

async function addAgendaItem(page: Page, title: string, { presenter, minutes }: { presenter?: string; minutes?: string } = {}) {
  const form = page.getByRole("form", { name: "Add an agenda item" });
  await form.getByLabel("Item").fill(title);
  if (presenter) await form.getByLabel("Presenter").selectOption({ label: presenter });
  if (minutes) await form.getByLabel("Duration (minutes)").fill(minutes);
  await form.getByRole("button", { name: "Add to agenda" }).click();
  await expect(page.getByTestId("agenda-item").filter({ hasText: title })).toBeVisible();
  await expect(form.getByLabel("Item")).toHaveValue("");
}

const agendaTitles = (page: Page) => page.getByTestId("agenda-title").allTextContents();

test("the secretariat changes an agenda item where it stands; delegates see the change and cannot edit", async ({ page, browser }) => {
  await signIn(page, DEMO.secretariat);
  const created = await page.request.post("/api/meetings", {
    data: { title: uniqueTitle("Agenda changes"), startsAt: `${daysFromToday(20)}T10:00`, endsAt: `${daysFromToday(20)}T12:00`, format: "ONLINE", onlineUrl: "https://meet.example.org/agenda" },
  });
  expect(created.status(), await created.text()).toBe(200);
  const { id } = await created.json();
  await page.goto(`/meetings/${id}`);
  await addAgendaItem(page, "Opening", { presenter: "Regional Cooperation Council Secretariat", minutes: "10" });
  await addAgendaItem(page, "Trusted lists", { presenter: "North Macedonia", minutes: "45" });

  // The form opens in the item's place with what the item holds.
  const editButton = page.getByRole("button", { name: "Edit “Trusted lists”" });
  await editButton.click();
  const form = page.getByRole("form", { name: "Change the agenda item “Trusted lists”" });
  await expect(form.getByLabel("Item")).toHaveValue("Trusted lists");
  await expect(form.getByLabel("Item")).toBeFocused();
  await expect(form.getByLabel("Presenter")).toHaveValue("organisation:MK");
  await expect(form.getByLabel("Duration (minutes)")).toHaveValue("45");

  // A refused change keeps the form open with the reason next to the field.
  await form.getByLabel("Item").fill("x");
  await form.getByRole("button", { name: "Save changes" }).click();
  await expect(form.getByText("Give the item a title.")).toBeVisible();

  await form.getByLabel("Item").fill("Trusted lists: state of play in each economy");
  await form.getByLabel("Presenter").selectOption({ label: "Serbia" });
  await form.getByLabel("Duration (minutes)").fill("60");
  await form.getByRole("button", { name: "Save changes" }).click();
  await expect(form).toHaveCount(0);
  await expect(page.getByRole("status").filter({ hasText: "Agenda item saved." })).toBeAttached();
  const changed = page.getByTestId("agenda-item").filter({ hasText: "Trusted lists: state of play in each economy" });
  await expect(changed).toContainText("60 min");
  await expect(page.getByRole("button", { name: "Edit “Trusted lists: state of play in each economy”" })).toBeFocused();
  expect(await agendaTitles(page)).toEqual(["Item 1: Opening", "Item 2: Trusted lists: state of play in each economy"]);
  await expect(page.getByText("Planned time: 1 h 10 min")).toBeVisible();

  // "Cancel" changes nothing.
  await page.getByRole("button", { name: "Edit “Opening”" }).click();
  await page.getByRole("form", { name: "Change the agenda item “Opening”" }).getByLabel("Item").fill("Not kept");
  await page.getByRole("button", { name: "Cancel" }).click();
  expect(await agendaTitles(page)).toEqual(["Item 1: Opening", "Item 2: Trusted lists: state of play in each economy"]);

  const delegate = await openAs(browser, DEMO.rs, `/meetings/${id}`);
  await expect(delegate.getByTestId("agenda-item").filter({ hasText: "Trusted lists: state of play in each economy" })).toContainText("Serbia");
  await expect(delegate.getByRole("button", { name: /^Edit/ })).toHaveCount(0);
});

test("the secretariat schedules and reschedules a meeting; a delegate's .ics and subscription follow", async ({ page, browser, request }) => {
  // Scheduling, rescheduling and two calendar downloads through the pages: long on a 2-core machine.
  test.slow();
  const title = uniqueTitle("Meeting on trusted lists");
  const { friday, tuesday } = daysAroundSpringForward();
  await signIn(page, DEMO.secretariat);

  // Schedule through the form: the Friday before the change to summer time, 10:00–12:00 in Belgrade (UTC+1).
  await page.goto("/meetings");
  await page.getByRole("link", { name: "Schedule a meeting" }).click();
  await page.getByLabel("Title").fill(title);
  await page.getByLabel("Starts").fill(`${friday.iso}T10:00`);
  await page.getByLabel("Ends").fill(`${friday.iso}T12:00`);
  await expect(page.getByLabel("Time zone")).toHaveValue("Europe/Belgrade");
  await page.getByRole("radio", { name: "Hybrid" }).check();
  await page.getByLabel("Venue").fill("Regional Cooperation Council, Sarajevo");
  await page.getByLabel("Link to join online").fill("https://meet.example.org/trusted-lists");
  await page.getByRole("button", { name: "Schedule meeting" }).click();
  await expect(page).toHaveURL(/\/meetings\/[^/]+$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
  const meetingId = new URL(page.url()).pathname.split("/").pop()!;

  await addAgendaItem(page, "Opening and adoption of the agenda", { presenter: "Regional Cooperation Council Secretariat", minutes: "10" });
  await addAgendaItem(page, "Trusted lists: state of play", { presenter: "North Macedonia", minutes: "45" });
  await addAgendaItem(page, "Any other business");
  expect(await agendaTitles(page)).toEqual([
    "Item 1: Opening and adoption of the agenda",
    "Item 2: Trusted lists: state of play",
    "Item 3: Any other business",
  ]);

  // Reorder from the keyboard: the move is announced and saved.
  await page.getByRole("button", { name: "Move “Any other business” up" }).focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("status").filter({ hasText: "“Any other business” moved to position 2 of 3." })).toBeAttached();
  // And by dragging the first item onto the last.
  await page.getByTestId("agenda-item").first().dragTo(page.getByTestId("agenda-item").last());
  await expect.poll(() => agendaTitles(page)).toEqual([
    "Item 1: Any other business",
    "Item 2: Trusted lists: state of play",
    "Item 3: Opening and adoption of the agenda",
  ]);
  await expect(page.getByTestId("agenda-save-state")).toContainText("New order saved.");
  await page.reload();
  expect(await agendaTitles(page)).toEqual([
    "Item 1: Any other business",
    "Item 2: Trusted lists: state of play",
    "Item 3: Opening and adoption of the agenda",
  ]);

  // A delegate in New York (already on summer time, UTC-4) sees the meeting in Belgrade time and in their own.
  const delegateContext = await browser.newContext({ timezoneId: "America/New_York", acceptDownloads: true });
  const delegate = await delegateContext.newPage();
  await signIn(delegate, DEMO.mk);
  await delegate.goto("/meetings");
  await delegate.getByTestId("upcoming-meetings").getByRole("link", { name: title }).click();
  await expect(delegate.getByTestId("meeting-time")).toContainText(`${friday.long}, 10:00–12:00 (Europe/Belgrade, CET)`);
  const localTime = delegate.getByTestId("local-time");
  await expect(localTime).toContainText(friday.short);
  await expect(localTime).toContainText("05:00–07:00 (America/New_York)");
  await expect(delegate.getByTestId("agenda-item")).toHaveCount(3);
  await expect(delegate.getByRole("button", { name: /^Move/ })).toHaveCount(0);

  const [download] = await Promise.all([delegate.waitForEvent("download"), delegate.getByTestId("download-ics").click()]);
  expect(download.suggestedFilename()).toMatch(/\.ics$/);
  const [downloaded] = parseCalendar(fs.readFileSync((await download.path())!, "utf8"));
  expect(downloaded).toMatchObject({ start: `${friday.iso}T09:00:00.000Z`, end: `${friday.iso}T11:00:00.000Z`, status: "CONFIRMED", sequence: 0 });

  // The delegate's private subscription link lists the meeting under the same UID.
  await delegate.goto("/meetings");
  await delegate.getByRole("button", { name: /(Create|Replace) my calendar link/ }).click();
  const feedUrl = await delegate.getByTestId("calendar-url").inputValue();
  expect(feedUrl).toMatch(/\/api\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);
  const before = await feedEvent(request, feedUrl, downloaded.uid);
  expect(before).toMatchObject({ start: `${friday.iso}T09:00:00.000Z`, sequence: 0 });

  // The secretariat moves it to the Tuesday after the change to summer time (UTC+2).
  await page.getByRole("link", { name: "Change or reschedule" }).click();
  await page.getByLabel("Starts").fill(`${tuesday.iso}T10:00`);
  await page.getByLabel("Ends").fill(`${tuesday.iso}T12:00`);
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page).toHaveURL(new RegExp(`/meetings/${meetingId}$`));
  await expect(page.getByTestId("meeting-time")).toContainText(`${tuesday.long}, 10:00–12:00 (Europe/Belgrade, CEST)`);
  await expect(page.getByTestId("meeting-history")).toContainText(`Rescheduled from ${friday.long}, 10:00–12:00`);

  // Everyone sees the new time and the history; the feed carries the same UID with a higher SEQUENCE.
  await delegate.goto(`/meetings/${meetingId}`);
  await expect(delegate.getByTestId("local-time")).toContainText(tuesday.short);
  await expect(delegate.getByTestId("local-time")).toContainText("04:00–06:00 (America/New_York)");
  await expect(delegate.getByTestId("meeting-history")).toContainText("Rescheduled");
  const after = await feedEvent(request, feedUrl, downloaded.uid);
  expect(after).toMatchObject({ uid: before.uid, start: `${tuesday.iso}T08:00:00.000Z`, end: `${tuesday.iso}T10:00:00.000Z`, status: "CONFIRMED" });
  expect(after.sequence).toBeGreaterThan(before.sequence);

  // Cancelling keeps the UID, raises SEQUENCE again and marks the event cancelled.
  await page.getByRole("link", { name: "Change or reschedule" }).click();
  page.once("dialog", (dialog) => dialog.accept());
  await page.getByLabel("Reason (shown to everyone)").fill("The venue is not available.");
  await page.getByRole("button", { name: "Cancel meeting" }).click();
  await expect(page.getByTestId("cancelled-notice")).toContainText("The venue is not available.");
  const cancelled = await feedEvent(request, feedUrl, downloaded.uid);
  expect(cancelled).toMatchObject({ uid: before.uid, status: "CANCELLED" });
  expect(cancelled.sequence).toBeGreaterThan(after.sequence);
  await delegateContext.close();
});

test("delegates and observers cannot schedule, change, cancel meetings or approve minutes over HTTP", async ({ page, browser }) => {
  await signIn(page, DEMO.secretariat);
  // Meetings ahead of today's date, whatever it is: the attempts below are refused for who makes them, not for when.
  const [meetingDay, otherDay, movedDay] = [daysFromToday(60), daysFromToday(61), daysFromToday(62)];
  const created = await page.request.post("/api/meetings", {
    data: { title: uniqueTitle("Protected meeting"), startsAt: `${meetingDay}T10:00`, endsAt: `${meetingDay}T12:00`, format: "ONLINE", onlineUrl: "https://meet.example.org/p" },
  });
  expect(created.status()).toBe(200);
  const { id } = await created.json();
  const original = await (await page.request.get(`/api/meetings/${id}`)).json();

  for (const email of [DEMO.al, DEMO.xk, DEMO.ec, DEMO.respa]) {
    const other = await openAs(browser, email, "/meetings");
    const attempts = {
      create: await other.request.post("/api/meetings", { data: { title: "Not allowed", startsAt: `${otherDay}T10:00`, endsAt: `${otherDay}T11:00`, format: "ONLINE", onlineUrl: "https://meet.example.org/x" } }),
      // Naming another actor in the body changes nothing: the session decides who acts.
      forgedActor: await other.request.post("/api/meetings", { data: { actor: { id: "x", role: "SECRETARIAT", isActive: true, organisationCode: "RCC" }, title: "Forged", startsAt: `${otherDay}T10:00`, endsAt: `${otherDay}T11:00`, format: "ONLINE", onlineUrl: "https://meet.example.org/x" } }),
      edit: await other.request.patch(`/api/meetings/${id}`, { data: { title: "Hijacked", startsAt: `${movedDay}T10:00`, endsAt: `${movedDay}T11:00`, format: "ONLINE", onlineUrl: "https://meet.example.org/x" } }),
      cancel: await other.request.post(`/api/meetings/${id}/cancel`, { data: {} }),
      approve: await other.request.post(`/api/meetings/${id}/minutes/approve`),
    };
    for (const [name, response] of Object.entries(attempts)) {
      expect(response.status(), `${email} ${name}`).toBe(403);
      expect((await response.json()).error.code).toBe("FORBIDDEN");
    }
    await expect(other.getByRole("link", { name: "Schedule a meeting" })).toHaveCount(0);
    await other.goto(`/meetings/${id}`);
    await expect(other.getByRole("link", { name: "Change or reschedule" })).toHaveCount(0);
    await other.goto("/meetings/new");
    await expect(other.getByRole("heading", { name: "Schedule a meeting" })).toHaveCount(0);
    await other.context().close();
  }

  const after = await (await page.request.get(`/api/meetings/${id}`)).json();
  expect({ title: after.title, startsAt: after.startsAt, status: after.status, sequence: after.sequence, minutesStatus: after.minutesStatus }).toEqual({
    title: original.title,
    startsAt: original.startsAt,
    status: "SCHEDULED",
    sequence: 0,
    minutesStatus: "DRAFT",
  });
  const list = await (await page.request.get("/api/meetings")).json();
  const titles = [...list.upcoming, ...list.past].map((meeting: { title: string }) => meeting.title);
  expect(titles).not.toContain("Not allowed");
  expect(titles).not.toContain("Forged");
});

test("minutes: co-edited, decisions and action items, circulated, approved by the secretariat, then read-only for everyone", async ({ page, browser }) => {
  // The whole minutes lifecycle with three people's browsers is long on a 2-core machine.
  test.slow();
  await signIn(page, DEMO.secretariat);
  const title = uniqueTitle("Minuted meeting");
  // A meeting that has taken place: its minutes can be approved once circulated.
  const created = await page.request.post("/api/meetings", {
    data: { title, startsAt: "2025-09-16T10:00", endsAt: "2025-09-16T13:00", format: "IN_PERSON", venue: "RCC, Sarajevo" },
  });
  const { id } = await created.json();
  await page.goto(`/meetings/${id}`);
  await addAgendaItem(page, "Draft MoU: article on trusted lists", { presenter: "Albania" });
  await addAgendaItem(page, "Next steps");

  const minutes = page.getByTestId("minutes");
  await minutes.getByRole("button", { name: "Start the minutes" }).click();
  await expect(minutes.getByTestId("open-minutes")).toBeVisible();
  const minutesPath = await minutes.getByTestId("open-minutes").getAttribute("href");

  // The secretariat and a delegation co-edit the minutes, pre-filled from the agenda, and see each other's text live.
  const albania = await openAs(browser, DEMO.al, minutesPath!);
  const secretariatEditor = await openAs(browser, DEMO.secretariat, minutesPath!);
  await expect(documentBody(albania)).toContainText("1. Draft MoU: article on trusted lists");
  await expect(documentBody(albania)).toContainText("Presented by Albania.");
  await focusEndOfDocument(albania);
  await albania.keyboard.press("Enter");
  await albania.keyboard.type("Albania presented its comments on trusted lists.");
  await expect(documentBody(secretariatEditor)).toContainText("Albania presented its comments on trusted lists.");
  await focusEndOfDocument(secretariatEditor);
  await secretariatEditor.keyboard.press("Enter");
  await secretariatEditor.keyboard.type("The secretariat will circulate a revised article.");
  await expect(documentBody(albania)).toContainText("The secretariat will circulate a revised article.");
  for (const editor of [albania, secretariatEditor]) await expect(saveStatus(editor)).toHaveText("Saved");

  await minutes.getByText("Record a decision").click();
  await minutes.getByLabel("Decision", { exact: true }).fill("Consultations on the article on trusted lists continue.");
  await minutes.getByRole("button", { name: "Record decision" }).click();
  await expect(minutes.getByTestId("decisions")).toContainText("Consultations on the article on trusted lists continue.");

  await minutes.getByText("Record an action item").click();
  const actionForm = minutes.getByRole("form", { name: "Record an action item" });
  await actionForm.getByLabel("Action", { exact: true }).fill("Send Albania's comments on the trusted lists article");
  await actionForm.getByLabel("Owner").selectOption({ label: "Albania" });
  await actionForm.getByLabel("Due date").fill(daysFromToday(30));
  await actionForm.getByRole("button", { name: "Record action item" }).click();
  await expect(minutes.getByTestId("action-item").filter({ hasText: "Send Albania's comments" })).toBeVisible();
  await actionForm.getByLabel("Action", { exact: true }).fill("Report Serbia's consultation results");
  await actionForm.getByLabel("Owner").selectOption({ label: "Serbia" });
  await actionForm.getByRole("button", { name: "Record action item" }).click();
  const serbianRow = minutes.getByTestId("action-item").filter({ hasText: "Report Serbia's consultation results" });
  await expect(serbianRow).toBeVisible();
  const serbianItemId = await serbianRow.getAttribute("data-action-item");

  // The draft's next step is circulation (the primary button); approval waits for it and says so.
  await expect(minutes.getByRole("button", { name: "Approve the minutes" })).toHaveCount(0);
  await expect(minutes.getByTestId("minutes-approval-hold")).toHaveText("Approval is not offered yet: circulate the minutes for comments before approving them.");
  expect((await page.request.post(`/api/meetings/${id}/minutes/approve`)).status()).toBe(409);
  await expect(minutes.getByRole("button", { name: "Circulate for comments" })).toHaveClass(/button--primary/);
  await minutes.getByRole("button", { name: "Circulate for comments" }).click();
  await expect(minutes.getByTestId("minutes-status")).toHaveText("Circulated for comments");
  await expect(minutes.getByRole("button", { name: "Approve the minutes" })).toHaveClass(/button--primary/);
  await expect(minutes.getByTestId("minutes-approval-hold")).toHaveCount(0);

  // Albania's delegate may mark Albania's item done, not Serbia's.
  await albania.goto(`/meetings/${id}`);
  const albanianMinutes = albania.getByTestId("minutes");
  await expect(albanianMinutes.getByTestId("action-item").filter({ hasText: "Report Serbia's" }).getByRole("button", { name: "Mark done" })).toHaveCount(0);
  const refused = await albania.request.post(`/api/action-items/${serbianItemId}/status`, { data: { status: "DONE" } });
  expect(refused.status()).toBe(403);
  await expect(albanianMinutes.getByRole("button", { name: "Approve the minutes" })).toHaveCount(0);
  expect((await albania.request.post(`/api/meetings/${id}/minutes/approve`)).status()).toBe(403);
  await albanianMinutes.getByTestId("action-item").filter({ hasText: "Send Albania's comments" }).getByRole("button", { name: "Mark done" }).click();
  await expect(albanianMinutes.getByTestId("action-item").filter({ hasText: "Send Albania's comments" })).toContainText("Done");
  await expect(albanianMinutes.getByTestId("action-item").filter({ hasText: "Report Serbia's" })).toContainText("Open");

  // The secretariat approves: the minutes say who approved and when, and nothing can change any more.
  await page.reload();
  page.once("dialog", (dialog) => dialog.accept());
  await minutes.getByRole("button", { name: "Approve the minutes" }).click();
  await expect(minutes.getByTestId("minutes-status")).toHaveText("Approved");
  await expect(minutes.getByTestId("minutes-approval")).toContainText("Approved by Ana Kovačević on");
  await expect(minutes.getByTestId("minutes-approval")).toContainText("read-only");

  for (const viewer of [secretariatEditor, albania, await openAs(browser, DEMO.ec, `/meetings/${id}`)]) {
    await viewer.goto(`/meetings/${id}`);
    const section = viewer.getByTestId("minutes");
    await expect(section.getByTestId("minutes-status")).toHaveText("Approved");
    await expect(section.getByText("Record a decision")).toHaveCount(0);
    await expect(section.getByText("Record an action item")).toHaveCount(0);
    await expect(section.getByRole("button", { name: "Remove" })).toHaveCount(0);
    await expect(section.getByTestId("open-minutes")).toHaveText("Read the minutes");

    // The text keeps what was co-written and can no longer be edited, by anyone.
    await section.getByTestId("open-minutes").click();
    await expect(documentBody(viewer)).toContainText("The secretariat will circulate a revised article.");
    await expect(documentBody(viewer)).toHaveAttribute("contenteditable", "false");
    await expect(viewer.locator('[contenteditable="true"]')).toHaveCount(0);
    await expect(viewer.getByText("Read only", { exact: true })).toBeVisible();
    await documentBody(viewer).click();
    await viewer.keyboard.type("late change");
    await expect(documentBody(viewer)).not.toContainText("late change");
  }
  const again = await page.request.post(`/api/meetings/${id}/minutes/approve`);
  expect(again.status()).toBe(409);
  expect((await again.json()).error.message).toBe("The minutes are already approved.");
});

test("minutes of a meeting that has not started cannot be approved, and the secretariat is told why", async ({ page }) => {
  await signIn(page, DEMO.secretariat);
  const startsAt = `${daysFromToday(10)}T10:00`;
  const created = await page.request.post("/api/meetings", {
    data: { title: uniqueTitle("Meeting ahead"), startsAt, endsAt: startsAt.replace("T10:00", "T12:00"), format: "ONLINE", onlineUrl: "https://meet.example.org/ahead" },
  });
  const { id } = await created.json();
  await page.goto(`/meetings/${id}`);
  const minutes = page.getByTestId("minutes");
  await minutes.getByRole("button", { name: "Start the minutes" }).click();
  await expect(minutes.getByTestId("open-minutes")).toBeVisible();
  await minutes.getByRole("button", { name: "Circulate for comments" }).click();
  await expect(minutes.getByTestId("minutes-status")).toHaveText("Circulated for comments");

  await expect(minutes.getByTestId("minutes-approval-hold")).toHaveText("Approval is not offered yet: minutes can be approved once the meeting has started.");
  await expect(minutes.getByRole("button", { name: "Approve the minutes" })).toHaveCount(0);
  const refused = await page.request.post(`/api/meetings/${id}/minutes/approve`);
  expect(refused.status()).toBe(409);
  expect((await refused.json()).error.message).toBe("Minutes can be approved once the meeting has started.");
  expect((await (await page.request.get(`/api/meetings/${id}`)).json()).minutesStatus).toBe("CIRCULATED");
});

test("the action items overview filters by economy and flags overdue items", async ({ page }) => {
  await signIn(page, DEMO.me);
  await page.goto("/meetings/action-items");
  await page.getByLabel("Economy or organisation").selectOption("ME");
  await page.getByLabel("Overdue only").check();
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/economy=ME/);
  const rows = page.getByTestId("action-item");
  // The seeded open item of Montenegro from the May 2020 meeting has been overdue since September 2020.
  const seeded = rows.filter({ hasText: "Complete national consultations on the draft MoU" });
  await expect(seeded).toContainText("Overdue");
  await expect(seeded).toContainText("Montenegro");
  for (const row of await rows.all()) await expect(row).toContainText("Overdue");
});

test("an observer organisation listed as invited answers for itself", async ({ page, browser }) => {
  await signIn(page, DEMO.secretariat);
  const startsAt = `${daysFromToday(12)}T10:00`;
  const created = await page.request.post("/api/meetings", {
    data: { title: uniqueTitle("Meeting with observers"), startsAt, endsAt: startsAt.replace("T10:00", "T12:00"), format: "ONLINE", onlineUrl: "https://meet.example.org/observers" },
  });
  const { id } = await created.json();

  const commission = await openAs(browser, DEMO.ec, `/meetings/${id}`);
  const row = commission.getByTestId("attendance").locator('tr[data-organisation="EC"]');
  await expect(row.getByTestId("attendance-status")).toHaveText("Invited");
  const form = commission.getByRole("form", { name: "Participation of European Commission" });
  await expect(commission.getByRole("heading", { name: "Your organisation’s participation" })).toBeVisible();
  await form.getByRole("radio", { name: "Yes, we will attend" }).check();
  await form.getByLabel("Who will attend").fill("Jean Dupont");
  await form.getByRole("button", { name: "Send our answer" }).click();
  await expect(form.getByRole("status")).toBeVisible();
  await commission.reload();
  await expect(row.getByTestId("attendance-status")).toHaveText("Will attend");
  await expect(row).toContainText("Jean Dupont");
  // Only for its own organisation: the other observers are still invited.
  await expect(commission.getByTestId("attendance").locator('tr[data-organisation="CEFTA"]').getByTestId("attendance-status")).toHaveText("Invited");
  await commission.context().close();
});
