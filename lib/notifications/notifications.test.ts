import ICAL from "ical.js";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createSqliteTestDatabase, type TestDatabase } from "@/lib/testing/database";
import { createTestActor } from "@/lib/testing/actors";
import { startTestSmtpServer, type ReceivedEmail } from "@/lib/testing/smtp";
import { findFreePort } from "@/lib/testing/collaboration";
import { daysFromToday } from "@/lib/testing/dates";
import type { Actor } from "@/lib/policy";
import { createMeeting } from "@/lib/meetings/create-meeting";
import { updateMeeting } from "@/lib/meetings/update-meeting";
import { cancelMeeting } from "@/lib/meetings/cancel-meeting";
import { addActionItem } from "@/lib/meetings/add-action-item";
import { createThread } from "@/lib/comments/create-thread";
import { replyToThread } from "@/lib/comments/reply-to-thread";
import { mentionMarkup } from "@/lib/comments/mentions";
import { createDocument } from "@/lib/documents/create-document";
import { createVersion } from "@/lib/versions/create-version";
import { openRound } from "@/lib/signoff/open-round";
import { deliverDueEmails } from "@/lib/notifications/deliver-emails";
import { smtpTransport } from "@/lib/notifications/mail-transport";
import { runScheduledNotifications } from "@/lib/notifications/run-scheduled-notifications";
import { sendDailyDigests } from "@/lib/notifications/send-daily-digests";
import { DateTime } from "luxon";
import { findPreferenceByToken, setNotificationPreference, setPreferenceByToken } from "@/lib/notifications/preferences";
import { preferencesToken } from "@/lib/notifications/signed-links";
import { markNotificationsRead } from "@/lib/notifications/mark-notifications-read";
import { findNotifications } from "@/lib/notifications/find-notifications";
import { findOutbox } from "@/lib/notifications/find-outbox";
import { COALESCE_WINDOW_MS } from "@/lib/notifications/notify";

let testDatabase: TestDatabase;
let smtp: Awaited<ReturnType<typeof startTestSmtpServer>>;
let secretariat: Actor;
let albania: Actor;
let serbia: Actor;
let montenegro: Actor;
let commission: Actor;

/** Meetings a month ahead of the real clock, which the verbs read: upcoming whatever the day the tests run. */
const MEETING_DAY = daysFromToday(30);

const meetingDetails = (title: string, day = MEETING_DAY) => ({
  title,
  startsAt: `${day}T10:00`,
  endsAt: `${day}T13:00`,
  timeZone: "Europe/Belgrade",
  format: "HYBRID" as const,
  venue: "RCC, Sarajevo",
  onlineUrl: "https://meet.example.org/wg",
});

/** Sends everything due (as if the worker ran at `now`) through the test SMTP server. */
async function deliverAll(now = new Date()) {
  const transport = smtpTransport(smtp.url);
  try {
    return await deliverDueEmails({ transport, now, batchSize: 500 });
  } finally {
    transport.close();
  }
}

const to = (email: ReceivedEmail) => email.to.join(",");
const calendarPart = (email: ReceivedEmail) => {
  const calendar = email.parsed.attachments.find((attachment) => attachment.contentType.startsWith("text/calendar"));
  const text = calendar ? calendar.content.toString("utf8") : (email.parsed as unknown as { textAsHtml?: string }).textAsHtml;
  if (!calendar) throw new Error(`no text/calendar part in ${email.parsed.subject}: ${text?.slice(0, 80)}`);
  return new ICAL.Component(ICAL.parse(calendar.content.toString("utf8")));
};

beforeAll(async () => {
  testDatabase = await createSqliteTestDatabase();
  smtp = await startTestSmtpServer();
  const { database } = testDatabase;
  secretariat = await createTestActor(database, { role: "SECRETARIAT", organisationCode: "RCC", name: "Ana Secretariat" });
  albania = await createTestActor(database, { role: "DELEGATE", organisationCode: "AL", name: "Elira Albania" });
  serbia = await createTestActor(database, { role: "DELEGATE", organisationCode: "RS", name: "Nikola Serbia" });
  montenegro = await createTestActor(database, { role: "DELEGATE", organisationCode: "ME", name: "Marko\r\nBcc: victim@example.org Montenegro" });
  commission = await createTestActor(database, { role: "OBSERVER", organisationCode: "EC", name: "Claire Commission" });
});

afterAll(async () => {
  await smtp.close();
  await testDatabase.drop();
});

beforeEach(async () => {
  await deliverAll(new Date(Date.now() + 24 * 60 * 60_000));
  smtp.received.length = 0;
});

describe("meeting invitations", () => {
  it("sends every member one REQUEST with ORGANIZER, ATTENDEEs, UID and SEQUENCE; a reschedule raises SEQUENCE; a cancellation sends CANCEL", async () => {
    const meeting = await createMeeting({ actor: secretariat, ...meetingDetails("Fourth meeting") });
    await deliverAll();
    const invitations = smtp.received.filter((email) => email.parsed.subject?.includes("Fourth meeting"));
    // Everyone but the secretary who scheduled it: four delegates and observers.
    expect(invitations.map(to).sort()).toEqual([albania.email, serbia.email, montenegro.email, commission.email].sort());
    const first = calendarPart(invitations[0]);
    expect(first.getFirstPropertyValue("method")).toBe("REQUEST");
    const event = first.getFirstSubcomponent("vevent")!;
    const uid = event.getFirstPropertyValue("uid");
    expect(uid).toBe(`meeting-${meeting.id}@accord`);
    expect(String(event.getFirstPropertyValue("organizer"))).toMatch(/^mailto:/i);
    const attendees = event.getAllProperties("attendee").map((property) => String(property.getFirstValue()).toLowerCase());
    expect(attendees).toEqual(expect.arrayContaining([`mailto:${albania.email}`, `mailto:${commission.email}`]));
    const sequence = Number(event.getFirstPropertyValue("sequence"));
    expect(invitations[0].raw).toMatch(/text\/calendar;[^\n]*method=REQUEST/i);

    smtp.received.length = 0;
    await updateMeeting({ actor: secretariat, meetingId: meeting.id, ...meetingDetails("Fourth meeting", daysFromToday(31)), documentIds: [] });
    await deliverAll();
    const updates = smtp.received.filter((email) => to(email) === albania.email);
    expect(updates).toHaveLength(1);
    const updated = calendarPart(updates[0]).getFirstSubcomponent("vevent")!;
    expect(updated.getFirstPropertyValue("uid")).toBe(uid);
    expect(Number(updated.getFirstPropertyValue("sequence"))).toBe(sequence + 1);

    smtp.received.length = 0;
    await cancelMeeting({ actor: secretariat, meetingId: meeting.id, reason: "Postponed" });
    await deliverAll();
    const cancellations = smtp.received.filter((email) => to(email) === commission.email);
    expect(cancellations).toHaveLength(1);
    const cancelled = calendarPart(cancellations[0]);
    expect(cancelled.getFirstPropertyValue("method")).toBe("CANCEL");
    expect(cancelled.getFirstSubcomponent("vevent")!.getFirstPropertyValue("uid")).toBe(uid);
  });
});

describe("the outbox", () => {
  it("finds the emails to one recipient, in any case, and pages one meeting's invitations without overlap", async () => {
    await createMeeting({ actor: secretariat, ...meetingDetails("Outbox search meeting") });
    const all = await findOutbox({ actor: secretariat, pageSize: 500 });
    const invitations = all.messages.filter((message) => message.subject.includes("Outbox search meeting"));
    // Made together, one per attendee: the same creation time.
    expect(new Set(invitations.map((message) => message.createdAt.getTime())).size).toBe(1);

    const commissionOnly = await findOutbox({ actor: secretariat, recipient: commission.email.toUpperCase() });
    expect(commissionOnly.total).toBeGreaterThan(0);
    expect(commissionOnly.total).toBeLessThan(all.total);
    expect(new Set(commissionOnly.messages.map((message) => message.toAddress))).toEqual(new Set([commission.email]));
    expect(commissionOnly.messages.some((message) => message.subject.includes("Outbox search meeting"))).toBe(true);

    // Page after page of two, every email once.
    const seen: string[] = [];
    for (let page = 1; page <= Math.ceil(all.total / 2); page += 1) seen.push(...(await findOutbox({ actor: secretariat, page, pageSize: 2 })).messages.map((message) => message.id));
    expect(seen).toHaveLength(all.total);
    expect(new Set(seen).size).toBe(all.total);

    await expect(findOutbox({ actor: albania })).rejects.toMatchObject({ name: "AppError", status: 403 });
  });
});

describe("comments, sign-off and action items", () => {
  let documentId: string;
  beforeAll(async () => {
    documentId = (await createDocument({ actor: secretariat, title: "Notified MoU", template: "memorandum" })).id;
  });

  it("a mention reaches the person mentioned, and a reply everyone who took part, each once and never the author", async () => {
    const thread = await createThread({ actor: albania, documentId, kind: "REMARK", quote: "Article 1", body: `Please look, ${mentionMarkup(serbia)}` });
    await replyToThread({ actor: serbia, threadId: thread.id, body: `Agreed, and ${mentionMarkup(secretariat)} may want to see it` });
    await deliverAll(new Date(Date.now() + COALESCE_WINDOW_MS * 10));
    const summary = smtp.received.map((email) => `${to(email)}: ${email.parsed.subject}`).sort();
    expect(summary).toEqual(
      [
        `${serbia.email}: ${albania.name} (Albania) mentioned you in "Notified MoU"`,
        `${secretariat.email}: ${serbia.name} (Serbia) mentioned you in "Notified MoU"`,
        `${albania.email}: ${serbia.name} (Serbia) replied in a thread on "Notified MoU"`,
      ].sort(),
    );
    const mention = smtp.received.find((email) => to(email) === serbia.email)!;
    expect(mention.parsed.text).toContain(`/documents/${documentId}?thread=${thread.id}`);
    expect(mention.parsed.text).toContain("/email-preferences/");
    expect(mention.parsed.html).toContain("Change what Accord sends you");
  });

  it("sends nothing of a kind a person turned off, and still notifies the others; observers get no mention emails by default", async () => {
    await createThread({ actor: albania, documentId, kind: "REMARK", quote: "Article 3", body: `${mentionMarkup(commission)} for information` });
    await setNotificationPreference({ actor: secretariat, kind: "comment.mention", delivery: "OFF" });
    await createThread({ actor: albania, documentId, kind: "QUESTION", quote: "Article 2", body: `${mentionMarkup(secretariat)} ${mentionMarkup(serbia)} thoughts?` });
    await deliverAll(new Date(Date.now() + COALESCE_WINDOW_MS * 10));
    expect(smtp.received.map(to)).toEqual([serbia.email]);
    await setNotificationPreference({ actor: secretariat, kind: "comment.mention", delivery: "IMMEDIATE" });
  });

  it("merges a flood of mentions to one person into one email", async () => {
    for (let index = 0; index < 5; index++) {
      await createThread({ actor: albania, documentId, kind: "REMARK", quote: `Passage ${index}`, body: `${mentionMarkup(serbia)} point ${index}` });
    }
    await deliverAll(new Date(Date.now() + COALESCE_WINDOW_MS * 10));
    const toSerbia = smtp.received.filter((email) => to(email) === serbia.email);
    expect(toSerbia).toHaveLength(1);
    expect(toSerbia[0].parsed.subject).toMatch(/^5 new notifications/);
    for (let index = 0; index < 5; index++) expect(toSerbia[0].parsed.text).toContain(`point ${index}`);
  });

  it("a round opening asks every economy's delegates, not observers", async () => {
    const version = await createVersion({ actor: secretariat, documentId, name: "For signature", isCheckpoint: false });
    const dueDate = daysFromToday(45);
    await openRound({ actor: secretariat, documentId, versionId: version.id, dueDate });
    await deliverAll();
    expect(smtp.received.map(to).sort()).toEqual([albania.email, serbia.email, montenegro.email].sort());
    expect(smtp.received[0].parsed.text).toContain(dueDate);
  });

  it("an overdue action item reaches its economy's delegates once, however often the scheduler runs", async () => {
    const meeting = await createMeeting({ actor: secretariat, ...meetingDetails("Action meeting") });
    await addActionItem({ actor: secretariat, meetingId: meeting.id, text: "Send the national contact point", owner: "organisation:RS", dueDate: daysFromToday(40) });
    await deliverAll();
    smtp.received.length = 0;
    // The scheduler is told the time: two days after the due date.
    const afterDue = new Date(`${daysFromToday(42)}T09:00:00Z`);
    await runScheduledNotifications({ now: afterDue });
    await runScheduledNotifications({ now: afterDue });
    await deliverAll(afterDue);
    const overdue = smtp.received.filter((email) => email.parsed.subject?.startsWith("Action item overdue"));
    expect(overdue.map(to)).toEqual([serbia.email]);
  });

  it("the day before a meeting each economy's delegates get a briefing of what is theirs, once however often the scheduler runs", async () => {
    const meeting = await createMeeting({ actor: secretariat, ...meetingDetails("Briefing meeting", daysFromToday(50)) });
    await createThread({ actor: serbia, documentId, kind: "QUESTION", quote: "Serbia's passage in Article 4", body: "Which registries first?" });
    await addActionItem({ actor: secretariat, meetingId: meeting.id, text: "Serbia reports on its trusted list", owner: "organisation:RS", dueDate: daysFromToday(60) });
    await deliverAll();
    smtp.received.length = 0;
    // The scheduler is told the time: the day before, at noon.
    const eve = new Date(`${daysFromToday(49)}T12:00:00Z`);
    await runScheduledNotifications({ now: eve });
    await runScheduledNotifications({ now: eve });
    await deliverAll(eve);
    const briefings = smtp.received.filter((email) => email.parsed.subject?.startsWith("Briefing for Briefing meeting"));
    // Every economy's delegates, each once; not the observer, not the secretariat.
    expect(briefings.map(to).sort()).toEqual([albania.email, serbia.email, montenegro.email].sort());
    const toSerbia = briefings.find((email) => to(email) === serbia.email)!;
    expect(toSerbia.parsed.text).toContain("Serbia's passage in Article 4");
    expect(toSerbia.parsed.text).toContain("Serbia reports on its trusted list");
    const toAlbania = briefings.find((email) => to(email) === albania.email)!;
    expect(toAlbania.parsed.text).not.toContain("Serbia reports on its trusted list");
  });

  it("a kind set to the daily digest waits for the digest: nothing at once, then one email the next morning, once", async () => {
    await setNotificationPreference({ actor: serbia, kind: "comment.mention", delivery: "DIGEST" });
    try {
      await createThread({ actor: albania, documentId, kind: "REMARK", quote: "Article 5", body: `${mentionMarkup(serbia)} first for the digest` });
      await createThread({ actor: albania, documentId, kind: "REMARK", quote: "Article 6", body: `${mentionMarkup(serbia)} second for the digest` });
      await deliverAll(new Date(Date.now() + COALESCE_WINDOW_MS * 10));
      expect(smtp.received.filter((email) => to(email) === serbia.email)).toEqual([]);

      // 08:00 in Belgrade tomorrow: past the digest's sending hour, whatever the time the test runs.
      const nextMorning = DateTime.now().setZone("Europe/Belgrade").plus({ days: 1 }).set({ hour: 8, minute: 0 }).toJSDate();
      expect(await sendDailyDigests({ now: nextMorning })).toBe(1);
      expect(await sendDailyDigests({ now: nextMorning })).toBe(0);
      await deliverAll(nextMorning);
      const digests = smtp.received.filter((email) => to(email) === serbia.email);
      expect(digests).toHaveLength(1);
      expect(digests[0].parsed.subject).toBe("Accord daily digest: 2 updates");
    } finally {
      await setNotificationPreference({ actor: serbia, kind: "comment.mention", delivery: "IMMEDIATE" });
    }
  });
});

describe("delivery", () => {
  it("keeps an email while the mail server is down and delivers it once the server is back", async () => {
    const port = await findFreePort();
    const downUrl = `smtp://127.0.0.1:${port}`;
    const meeting = await createMeeting({ actor: secretariat, ...meetingDetails("Outage meeting") });
    const down = smtpTransport(downUrl);
    const failed = await deliverDueEmails({ transport: down, batchSize: 500 });
    down.close();
    expect(failed.retried).toBeGreaterThan(0);
    expect(failed.sent).toBe(0);
    const pending = await testDatabase.database.outboxMessage.count({ where: { status: "PENDING", subject: { contains: "Outage meeting" } } });
    expect(pending).toBe(4);

    const revived = await startTestSmtpServer({ port });
    try {
      const transport = smtpTransport(downUrl);
      // Not before the backoff has passed…
      expect((await deliverDueEmails({ transport, batchSize: 500 })).sent).toBe(0);
      const later = new Date(Date.now() + 10 * 60_000);
      expect((await deliverDueEmails({ transport, now: later, batchSize: 500 })).sent).toBe(4);
      transport.close();
      expect(revived.received.filter((email) => email.parsed.subject?.includes("Outage meeting"))).toHaveLength(4);
    } finally {
      await revived.close();
    }
    expect(meeting.id).toBeTruthy();
  });

  it("marks an address that fails for good and stops retrying it", async () => {
    const bouncing = await createTestActor(testDatabase.database, { role: "DELEGATE", organisationCode: "XK", name: "Bouncing Kosovo" });
    const rejecting = await startTestSmtpServer({ rejectAddresses: [bouncing.email] });
    try {
      await createMeeting({ actor: secretariat, ...meetingDetails("Bounce meeting") });
      const transport = smtpTransport(rejecting.url);
      await deliverDueEmails({ transport, batchSize: 500 });
      transport.close();
      const message = await testDatabase.database.outboxMessage.findFirstOrThrow({ where: { toAddress: bouncing.email, subject: { contains: "Bounce meeting" } } });
      expect(message.status).toBe("FAILED");
      const user = await testDatabase.database.user.findUniqueOrThrow({ where: { id: bouncing.id } });
      expect(user.emailFailedAt).not.toBeNull();
      expect(user.emailFailure).toContain("550");
    } finally {
      await rejecting.close();
    }
  });

  it("writes no header from a name: CR/LF in a person's name cannot add a recipient", async () => {
    await createThread({ actor: albania, documentId: (await createDocument({ actor: secretariat, title: "Header test", template: "blank" })).id, kind: "REMARK", quote: "x", body: `${mentionMarkup(serbia)}` });
    const thread = await testDatabase.database.commentThread.findFirstOrThrow({ where: { document: { title: "Header test" } } });
    await replyToThread({ actor: montenegro, threadId: thread.id, body: `${mentionMarkup(albania)} see` });
    await deliverAll(new Date(Date.now() + COALESCE_WINDOW_MS * 10));
    const fromMontenegro = smtp.received.filter((email) => email.parsed.subject?.includes("Montenegro"));
    expect(fromMontenegro.length).toBeGreaterThan(0);
    for (const email of smtp.received) {
      expect(email.to).not.toContain("victim@example.org");
      expect(email.parsed.headers.get("bcc")).toBeUndefined();
    }
  });
});

describe("preferences and the bell", () => {
  it("a signed link changes only its owner's preference for its kind; a tampered one is refused", async () => {
    const token = preferencesToken({ userId: serbia.id, kind: "comment.reply" });
    const found = await findPreferenceByToken({ token });
    expect(found.userName).toBe(serbia.name);
    await setPreferenceByToken({ token, delivery: "OFF" });
    expect(await testDatabase.database.notificationPreference.findUnique({ where: { userId_kind: { userId: serbia.id, kind: "comment.reply" } } })).toMatchObject({ delivery: "OFF" });

    const [payload, mac] = token.split(".");
    const forged = Buffer.from(JSON.stringify([albania.id, "comment.reply"])).toString("base64url");
    await expect(setPreferenceByToken({ token: `${forged}.${mac}`, delivery: "OFF" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(setPreferenceByToken({ token: `${payload}.${mac.slice(0, -2)}xx`, delivery: "OFF" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await testDatabase.database.notificationPreference.findUnique({ where: { userId_kind: { userId: albania.id, kind: "comment.reply" } } })).toBeNull();
    // Invitations cannot be silenced.
    await expect(setPreferenceByToken({ token: preferencesToken({ userId: serbia.id, kind: "meeting.invitation" }), delivery: "OFF" })).rejects.toMatchObject({ code: "INVALID_INPUT" });
  });

  it("counts unread notifications and marks one or all read, only one's own", async () => {
    const before = await findNotifications({ actor: serbia });
    expect(before.unread).toBeGreaterThan(1);
    await markNotificationsRead({ actor: serbia, notificationId: before.items[0].id });
    expect((await findNotifications({ actor: serbia })).unread).toBe(before.unread - 1);
    await expect(markNotificationsRead({ actor: albania, notificationId: before.items[1].id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await markNotificationsRead({ actor: serbia });
    expect((await findNotifications({ actor: serbia })).unread).toBe(0);
  });
});
