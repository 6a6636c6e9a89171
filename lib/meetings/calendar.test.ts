import ICAL from "ical.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSqliteTestDatabase, type TestDatabase } from "@/lib/testing/database";
import { createTestActor } from "@/lib/testing/actors";
import type { Actor } from "@/lib/policy";
import { createMeeting } from "@/lib/meetings/create-meeting";
import { updateMeeting } from "@/lib/meetings/update-meeting";
import { cancelMeeting } from "@/lib/meetings/cancel-meeting";
import { getMeetingCalendar } from "@/lib/meetings/get-meeting-calendar";
import { createCalendarSubscription } from "@/lib/meetings/create-calendar-subscription";
import { revokeCalendarSubscription } from "@/lib/meetings/revoke-calendar-subscription";
import { getSubscriptionCalendar } from "@/lib/meetings/get-subscription-calendar";
import { meetingUid } from "@/lib/meetings/build-calendar";
import { addAgendaItem } from "@/lib/meetings/add-agenda-item";

const APP_URL = "https://accord.test";

let testDatabase: TestDatabase;
let secretariat: Actor;
let delegate: Actor;

beforeAll(async () => {
  testDatabase = await createSqliteTestDatabase();
  secretariat = await createTestActor(testDatabase.database, { role: "SECRETARIAT", organisationCode: "RCC" });
  delegate = await createTestActor(testDatabase.database, { role: "DELEGATE", organisationCode: "MK" });
});
afterAll(async () => testDatabase.drop());

type ParsedEvent = { uid: string; sequence: number; start: string; end: string; status: string | null; summary: string };

/** Parses iCalendar text with ical.js (a real RFC 5545 parser) and reads each event's UTC instants. */
function parseEvents(text: string): ParsedEvent[] {
  const calendar = new ICAL.Component(ICAL.parse(text));
  expect(calendar.name).toBe("vcalendar");
  expect(calendar.getFirstPropertyValue("version")).toBe("2.0");
  expect(calendar.getFirstPropertyValue("prodid")).toBeTruthy();
  return calendar.getAllSubcomponents("vevent").map((component) => {
    const event = new ICAL.Event(component);
    expect(component.getFirstPropertyValue("dtstamp")).toBeTruthy();
    return {
      uid: event.uid,
      sequence: event.sequence,
      start: event.startDate.toJSDate().toISOString(),
      end: event.endDate.toJSDate().toISOString(),
      status: component.getFirstPropertyValue("status") as string | null,
      summary: event.summary,
    };
  });
}

async function scheduleAndExport(startsAt: string, endsAt: string, timeZone = "Europe/Belgrade") {
  const { id } = await createMeeting({ actor: secretariat, title: `Meeting ${startsAt} ${timeZone}`, startsAt, endsAt, timeZone, format: "ONLINE", onlineUrl: "https://meet.example.org/wg" });
  const { body } = await getMeetingCalendar({ actor: delegate, meetingId: id, appUrl: APP_URL });
  const events = parseEvents(body);
  expect(events).toHaveLength(1);
  return { id, event: events[0], body };
}

describe("meeting .ics files", () => {
  it("writes Belgrade winter time (CET, UTC+1) as the right UTC instants", async () => {
    const { id, event, body } = await scheduleAndExport("2026-03-27T10:00", "2026-03-27T12:30");
    expect(event).toMatchObject({ uid: meetingUid(id), sequence: 0, start: "2026-03-27T09:00:00.000Z", end: "2026-03-27T11:30:00.000Z", status: "CONFIRMED" });
    // No METHOD: RFC 5546 would require an ORGANIZER with METHOD:PUBLISH, and Accord has none to give.
    expect(body).not.toContain("METHOD:");
    expect(body).not.toContain("ORGANIZER");
    expect(body).toContain(`${APP_URL}/meetings/${id}`);
  });

  it("writes Belgrade summer time (CEST, UTC+2) after the March change", async () => {
    const { event } = await scheduleAndExport("2026-03-30T10:00", "2026-03-30T12:30");
    expect(event).toMatchObject({ start: "2026-03-30T08:00:00.000Z", end: "2026-03-30T10:30:00.000Z" });
  });

  it("keeps a meeting that spans the change to summer time an hour shorter on the wall clock", async () => {
    // 20:00 on Saturday to 10:00 on Sunday in Belgrade: clocks jump from 02:00 to 03:00 in between.
    const { event } = await scheduleAndExport("2026-03-28T20:00", "2026-03-29T10:00");
    expect(event).toMatchObject({ start: "2026-03-28T19:00:00.000Z", end: "2026-03-29T08:00:00.000Z" });
    expect(Date.parse(event.end) - Date.parse(event.start)).toBe(13 * 3600_000);
  });

  it("writes the return to winter time in October", async () => {
    const before = await scheduleAndExport("2026-10-23T10:00", "2026-10-23T11:00");
    const after = await scheduleAndExport("2026-10-26T10:00", "2026-10-26T11:00");
    expect(before.event.start).toBe("2026-10-23T08:00:00.000Z");
    expect(after.event.start).toBe("2026-10-26T09:00:00.000Z");
  });

  it("honours another named zone whose clocks change on a different date", async () => {
    // New York is already on summer time on 20 March 2026 (UTC-4) while Belgrade is not.
    const { event } = await scheduleAndExport("2026-03-20T10:00", "2026-03-20T11:00", "America/New_York");
    expect(event.start).toBe("2026-03-20T14:00:00.000Z");
  });

  it("refuses a wall-clock time skipped by the change to summer time, and an unknown zone", async () => {
    await expect(
      createMeeting({ actor: secretariat, title: "In the gap", startsAt: "2026-03-29T02:30", endsAt: "2026-03-29T04:00", format: "ONLINE", onlineUrl: "https://meet.example.org/x" }),
    ).rejects.toMatchObject({ code: "INVALID_INPUT", fieldErrors: { startsAt: [expect.stringContaining("does not exist")] } });
    await expect(
      createMeeting({ actor: secretariat, title: "Nowhere", startsAt: "2026-04-01T10:00", endsAt: "2026-04-01T11:00", timeZone: "Europe/Atlantis", format: "ONLINE", onlineUrl: "https://meet.example.org/x" }),
    ).rejects.toMatchObject({ code: "INVALID_INPUT", fieldErrors: { timeZone: expect.any(Array) } });
  });

  it("resolves a wall-clock time repeated when clocks go back to its first occurrence (RFC 5545 §3.3.5)", async () => {
    // 02:30 on 25 October 2026 happens twice in Belgrade: first at CEST (UTC+2), then at CET (UTC+1).
    const { event } = await scheduleAndExport("2026-10-25T02:30", "2026-10-25T04:00");
    expect(event.start).toBe("2026-10-25T00:30:00.000Z");
    expect(event.end).toBe("2026-10-25T03:00:00.000Z");
  });

  it("carries the agenda and the link in DESCRIPTION and ends every line, the last included, with CRLF", async () => {
    const { id } = await createMeeting({ actor: secretariat, title: "Agenda in the calendar", startsAt: "2026-07-01T10:00", endsAt: "2026-07-01T12:00", format: "IN_PERSON", venue: "RCC, Sarajevo" });
    await addAgendaItem({ actor: secretariat, meetingId: id, title: "Adoption of the agenda", durationMinutes: 10 });
    await addAgendaItem({ actor: secretariat, meetingId: id, title: "Article 4; trust services, scope", durationMinutes: "" });
    const { body } = await getMeetingCalendar({ actor: delegate, meetingId: id, appUrl: APP_URL });
    expect(body.endsWith("END:VCALENDAR\r\n")).toBe(true);
    expect(body.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
    const event = new ICAL.Component(ICAL.parse(body)).getFirstSubcomponent("vevent")!;
    const description = String(event.getFirstPropertyValue("description"));
    expect(description).toContain("Agenda:\n1. Adoption of the agenda (10 min)\n2. Article 4; trust services, scope");
    expect(description).toContain(`${APP_URL}/meetings/${id}`);
    expect(description).toContain("Venue: RCC, Sarajevo");
  });

  it("refuses control characters in a title, venue or agenda item with a clear message", async () => {
    const title = "Plenary\r\nX-INJECTED:1\r\nATTENDEE:mailto:someone@example.org";
    await expect(
      createMeeting({ actor: secretariat, title, startsAt: "2026-04-01T10:00", endsAt: "2026-04-01T11:00", format: "ONLINE", onlineUrl: "https://meet.example.org/x" }),
    ).rejects.toMatchObject({ code: "INVALID_INPUT", fieldErrors: { title: [expect.stringContaining("single line")] } });
    await expect(
      createMeeting({ actor: secretariat, title: "Plenary", startsAt: "2026-04-01T10:00", endsAt: "2026-04-01T11:00", format: "IN_PERSON", venue: "Room\n2" }),
    ).rejects.toMatchObject({ code: "INVALID_INPUT", fieldErrors: { venue: [expect.stringContaining("single line")] } });
    const { id } = await scheduleAndExport("2026-04-02T10:00", "2026-04-02T11:00");
    await expect(addAgendaItem({ actor: secretariat, meetingId: id, title: "Item\rINJECTED:1" })).rejects.toMatchObject({
      code: "INVALID_INPUT", fieldErrors: { title: [expect.stringContaining("single line")] },
    });
  });

  it("escapes every text property, the calendar's name included, for a title stored before the rule", async () => {
    const { id } = await scheduleAndExport("2026-04-03T10:00", "2026-04-03T11:00");
    const title = "Plenary; part 1, \\ draft\r\nX-INJECTED:1\r\nEND:VEVENT";
    await testDatabase.database.meeting.update({ where: { id }, data: { title } });
    const { body } = await getMeetingCalendar({ actor: delegate, meetingId: id, appUrl: APP_URL });
    const lines = body.split("\r\n");
    expect(lines.filter((line) => /^(X-INJECTED|END:VEVENT)/.test(line))).toEqual(["END:VEVENT"]);
    expect(lines).toContain("NAME:Plenary\\; part 1\\, \\\\ draft X-INJECTED:1 END:VEVENT");
    expect(lines).toContain("X-WR-CALNAME:Plenary\\; part 1\\, \\\\ draft X-INJECTED:1 END:VEVENT");
    const calendar = new ICAL.Component(ICAL.parse(body));
    expect(calendar.getAllSubcomponents("vevent")).toHaveLength(1);
    expect(calendar.getFirstSubcomponent("vevent")!.getFirstPropertyValue("summary")).toBe("Plenary; part 1, \\ draft X-INJECTED:1 END:VEVENT");
    expect(calendar.getFirstPropertyValue("x-injected")).toBeNull();
  });

  it("keeps the UID and raises SEQUENCE on reschedule and on cancellation", async () => {
    const { id, event: first } = await scheduleAndExport("2026-06-10T10:00", "2026-06-10T12:00");
    await updateMeeting({ actor: secretariat, meetingId: id, title: first.summary, startsAt: "2026-06-11T14:00", endsAt: "2026-06-11T16:00", format: "ONLINE", onlineUrl: "https://meet.example.org/wg" });
    const [moved] = parseEvents((await getMeetingCalendar({ actor: delegate, meetingId: id, appUrl: APP_URL })).body);
    expect(moved).toMatchObject({ uid: first.uid, start: "2026-06-11T12:00:00.000Z", end: "2026-06-11T14:00:00.000Z" });
    expect(moved.sequence).toBeGreaterThan(first.sequence);

    await cancelMeeting({ actor: secretariat, meetingId: id, reason: "No quorum" });
    const [cancelled] = parseEvents((await getMeetingCalendar({ actor: delegate, meetingId: id, appUrl: APP_URL })).body);
    expect(cancelled).toMatchObject({ uid: first.uid, status: "CANCELLED" });
    expect(cancelled.sequence).toBeGreaterThan(moved.sequence);
  });
});

describe("calendar subscription", () => {
  it("lists every meeting behind a private token, and stops when the token is revoked or replaced", async () => {
    const { id } = await createMeeting({ actor: secretariat, title: "Subscribed meeting", startsAt: "2026-09-15T09:30", endsAt: "2026-09-15T11:00", format: "IN_PERSON", venue: "RCC, Sarajevo" });
    const { token } = await createCalendarSubscription({ actor: delegate });
    const stored = await testDatabase.database.calendarToken.findFirstOrThrow({ where: { userId: delegate.id, revokedAt: null } });
    expect(stored.tokenHash).not.toContain(token);
    expect(stored.tokenHash).toMatch(/^[0-9a-f]{64}$/);

    const feed = await getSubscriptionCalendar({ token, appUrl: APP_URL });
    expect(feed).not.toContain("METHOD:");
    const events = parseEvents(feed);
    expect(events.find((event) => event.uid === meetingUid(id))).toMatchObject({ start: "2026-09-15T07:30:00.000Z", status: "CONFIRMED" });
    expect(events.length).toBe(await testDatabase.database.meeting.count());

    const { token: replacement } = await createCalendarSubscription({ actor: delegate });
    await expect(getSubscriptionCalendar({ token, appUrl: APP_URL })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await revokeCalendarSubscription({ actor: delegate });
    await expect(getSubscriptionCalendar({ token: replacement, appUrl: APP_URL })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(getSubscriptionCalendar({ token: "not-a-token", appUrl: APP_URL })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
