import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPostgresTestDatabase, isPostgresAvailable, type TestDatabase } from "@/lib/testing/database";
import { createTestActor } from "@/lib/testing/actors";
import { startTestSmtpServer } from "@/lib/testing/smtp";
import { daysFromToday } from "@/lib/testing/dates";
import { createDatabase } from "@/lib/db";
import { createMeeting } from "@/lib/meetings/create-meeting";
import { deliverDueEmails } from "@/lib/notifications/deliver-emails";
import { smtpTransport } from "@/lib/notifications/mail-transport";
import { runScheduledNotifications } from "@/lib/notifications/run-scheduled-notifications";
import { findOutbox } from "@/lib/notifications/find-outbox";

const hasPostgres = await isPostgresAvailable();

describe.skipIf(!hasPostgres)("notifications on PostgreSQL with several instances", () => {
  let testDatabase: TestDatabase;
  let smtp: Awaited<ReturnType<typeof startTestSmtpServer>>;

  beforeAll(async () => {
    testDatabase = await createPostgresTestDatabase();
    smtp = await startTestSmtpServer();
  });
  afterAll(async () => {
    await smtp.close();
    await testDatabase?.drop();
  });

  it("two instances delivering at once send each email exactly once", async () => {
    const { database } = testDatabase;
    const secretariat = await createTestActor(database, { role: "SECRETARIAT", organisationCode: "RCC" });
    for (const code of ["AL", "BA", "XK", "ME", "MK", "RS", "EC", "CEFTA"]) {
      for (let index = 0; index < 3; index++) await createTestActor(database, { role: code.length === 2 ? "DELEGATE" : "OBSERVER", organisationCode: code });
    }
    // A month ahead of the real clock, which createMeeting reads: upcoming whatever the day the tests run.
    const day = daysFromToday(30);
    for (let index = 0; index < 3; index++) {
      await createMeeting({
        actor: secretariat,
        title: `Concurrent meeting ${index}`,
        startsAt: `${day}T10:00`,
        endsAt: `${day}T12:00`,
        timeZone: "Europe/Belgrade",
        format: "HYBRID",
        venue: "RCC, Sarajevo",
        onlineUrl: "https://meet.example.org/wg",
      });
    }
    const queued = await database.outboxMessage.count({ where: { status: "PENDING" } });
    expect(queued).toBe(3 * 24);

    // Two instances: their own database clients (connection pools) and transports, racing for the same rows.
    const instances = [createDatabase(testDatabase.url), createDatabase(testDatabase.url)];
    const transports = instances.map(() => smtpTransport(smtp.url));
    try {
      const runs = instances.map(async (instance, index) => {
        let sent = 0;
        for (let round = 0; round < 10; round++) {
          sent += (await deliverDueEmails({ transport: transports[index], instanceId: `instance-${index}`, batchSize: 10, database: instance })).sent;
        }
        return sent;
      });
      const [first, second] = await Promise.all(runs);
      expect(first + second).toBe(queued);
    } finally {
      transports.forEach((transport) => transport.close());
      await Promise.all(instances.map((instance) => instance.$disconnect()));
    }
    const ids = smtp.received.map((email) => email.parsed.messageId);
    expect(ids).toHaveLength(queued);
    expect(new Set(ids).size).toBe(queued);
    expect(await database.outboxMessage.count({ where: { status: "SENT" } })).toBe(queued);
  });

  it("the outbox finds one recipient's emails in any case, and pages a meeting's invitations (made at one instant) without overlap", async () => {
    const { database } = testDatabase;
    const secretariat = await createTestActor(database, { role: "SECRETARIAT", organisationCode: "RCC" });
    const observer = await createTestActor(database, { role: "OBSERVER", organisationCode: "RESPA" });
    await createMeeting({
      actor: secretariat,
      title: "Outbox search meeting",
      startsAt: `${daysFromToday(30)}T10:00`,
      endsAt: `${daysFromToday(30)}T12:00`,
      timeZone: "Europe/Belgrade",
      format: "ONLINE",
      onlineUrl: "https://meet.example.org/wg",
    });
    const found = await findOutbox({ actor: secretariat, recipient: observer.email.toUpperCase() });
    expect(found.total).toBe(1);
    expect(found.messages.map((message) => message.toAddress)).toEqual([observer.email]);

    const total = await database.outboxMessage.count();
    const seen: string[] = [];
    for (let page = 1; page <= Math.ceil(total / 7); page += 1) seen.push(...(await findOutbox({ actor: secretariat, page, pageSize: 7 })).messages.map((message) => message.id));
    expect(new Set(seen).size).toBe(total);
  });

  it("scheduled reminders run on two instances at once notify each person once", async () => {
    const { database } = testDatabase;
    // The scheduler is told the time: the eve of the meetings the first test scheduled.
    const { startsAt } = await database.meeting.findFirstOrThrow({ where: { title: "Concurrent meeting 0" }, select: { startsAt: true } });
    const now = new Date(startsAt.getTime() - 20 * 60 * 60_000);
    const before = await database.notification.count({ where: { kind: "meeting.reminder" } });
    await Promise.all([runScheduledNotifications({ now }), runScheduledNotifications({ now })]);
    await runScheduledNotifications({ now });
    const reminders = await database.notification.groupBy({ by: ["userId", "eventKey"], where: { kind: "meeting.reminder" }, _count: true });
    expect(reminders.length).toBeGreaterThan(before);
    expect(reminders.every((entry) => entry._count === 1)).toBe(true);
  });
});
