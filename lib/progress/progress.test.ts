import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { audited } from "@/lib/audit/record";
import { AppError } from "@/lib/errors";
import { ECONOMY_CODES, KOSOVO_FOOTNOTE } from "@/lib/organisations/catalogue";
import type { Actor } from "@/lib/policy";
import { describeActivity } from "@/lib/progress/describe-activity";
import { findActivity } from "@/lib/progress/find-activity";
import { findProgress, type ProgressReport } from "@/lib/progress/find-progress";
import { CSV_COLUMNS, progressCsv, progressWideCsv } from "@/lib/progress/progress-csv";
import { createTestActor } from "@/lib/testing/actors";
import { createSqliteTestDatabase, type TestDatabase } from "@/lib/testing/database";

const NOW = new Date("2026-06-15T10:00:00.000Z");
const days = (count: number) => new Date(NOW.getTime() + count * 86_400_000);
/** Due dates are stored as the UTC midnight of their day. */
const dueOn = (count: number) => new Date(`${days(count).toISOString().slice(0, 10)}T00:00:00.000Z`);

/** What the seeded MoU's threads are, per economy: the numbers every figure below must match. */
const THREADS: Record<string, { OPEN: number; ANSWERED: number; RESOLVED: number }> = {
  AL: { OPEN: 2, ANSWERED: 1, RESOLVED: 0 },
  BA: { OPEN: 0, ANSWERED: 0, RESOLVED: 0 },
  XK: { OPEN: 1, ANSWERED: 0, RESOLVED: 1 },
  ME: { OPEN: 0, ANSWERED: 3, RESOLVED: 0 },
  MK: { OPEN: 0, ANSWERED: 0, RESOLVED: 0 },
  RS: { OPEN: 1, ANSWERED: 0, RESOLVED: 2 },
};
const RESERVATION = '=IMPORTXML("x"), Article 4 applies once the law is amended';

let testDatabase: TestDatabase;
let observer: Actor;
let secretariat: Actor;
const delegates: Record<string, Actor> = {};
let memorandumId: string;
let report: ProgressReport;
let ids: { nextMeeting: string; lastMeeting: string; currentVersion: string; openRound: string };

beforeAll(async () => {
  testDatabase = await createSqliteTestDatabase();
  const { database, workingGroupId } = testDatabase;
  secretariat = await createTestActor(database, { role: "SECRETARIAT", organisationCode: "RCC", name: "Ana Kovačević" });
  observer = await createTestActor(database, { role: "OBSERVER", organisationCode: "EC", name: "Claire Dubois" });
  for (const code of ECONOMY_CODES) delegates[code] = await createTestActor(database, { role: "DELEGATE", organisationCode: code, name: `Delegate of ${code}` });

  const document = (title: string, kind: "MOU" | "OTHER", createdAt: Date) =>
    database.document.create({ data: { workingGroupId, kind, title, createdAt, createdById: secretariat.id }, select: { id: true } });
  memorandumId = (await document("MoU on Regional Interoperability and Trust Services", "MOU", days(-400))).id;
  // A later MoU (say, a test copy) and the minutes: their threads are not the MoU's open points.
  const laterMemorandum = await document("Another memorandum", "MOU", days(-10));
  const minutes = await document("Minutes", "OTHER", days(-20));

  const thread = (documentId: string, organisationCode: string, status: "OPEN" | "ANSWERED" | "RESOLVED") =>
    database.commentThread.create({
      data: { documentId, organisationCode, status, authorId: delegates[organisationCode].id, kind: "REMARK", quote: "Article 3" },
    });
  for (const [code, counts] of Object.entries(THREADS)) {
    for (const status of ["OPEN", "ANSWERED", "RESOLVED"] as const) {
      for (let index = 0; index < counts[status]; index++) await thread(memorandumId, code, status);
    }
  }
  for (let index = 0; index < 5; index++) await thread(laterMemorandum.id, "AL", "OPEN");
  await thread(minutes.id, "BA", "OPEN");

  const version = (number: number, name: string, isCheckpoint: boolean, createdAt: Date) =>
    database.documentVersion.create({
      data: { documentId: memorandumId, number, name, isCheckpoint, content: "{}", digest: `${number}`.repeat(64).slice(0, 64), createdById: secretariat.id, createdAt },
      select: { id: true, digest: true },
    });
  const first = await version(1, "Draft 1", false, days(-300));
  await version(2, "Checkpoint", true, days(-200));
  const current = await version(3, "Draft 2", false, days(-100));
  await database.signOffRound.create({
    data: { documentId: memorandumId, versionId: first.id, openedById: secretariat.id, openedAt: days(-290), status: "CLOSED", closedAt: days(-250), closedById: secretariat.id },
  });
  const openRound = await database.signOffRound.create({
    data: { documentId: memorandumId, versionId: current.id, openedById: secretariat.id, openedAt: days(-90) },
    select: { id: true },
  });
  const signOff = (code: string, position: "APPROVE" | "APPROVE_WITH_RESERVATION" | "NOT_READY", extra: { reservation?: string; reason?: string }) =>
    database.signOff.create({
      data: { roundId: openRound.id, organisationCode: code, position, versionDigest: current.digest, recordedById: delegates[code].id, recordedAt: days(-80), ...extra },
    });
  await signOff("AL", "APPROVE", {});
  await signOff("RS", "APPROVE_WITH_RESERVATION", { reservation: RESERVATION });
  await signOff("MK", "NOT_READY", { reason: "Awaiting the Ministry of Justice." });

  const meeting = (title: string, startsAt: Date, extra: Record<string, unknown> = {}) =>
    database.meeting.create({
      data: { workingGroupId, title, startsAt, endsAt: new Date(startsAt.getTime() + 3 * 3600_000), format: "ONLINE", createdById: secretariat.id, ...extra },
      select: { id: true },
    });
  const firstMeeting = await meeting("1st meeting", days(-400));
  const lastMeeting = await meeting("2nd meeting", days(-30), {
    minutesStatus: "APPROVED",
    minutesApprovedAt: days(-15),
    decisions: { create: [{ position: 2, text: "Economies send written comments." }, { position: 1, text: "The agenda was adopted." }] },
  });
  await meeting("Cancelled extra meeting", days(3), { status: "CANCELLED" });
  const nextMeeting = await meeting("3rd meeting", days(7));

  const actionItem = (data: { text: string; ownerOrganisationCode?: string; ownerUserId?: string; dueDate?: Date; status?: "OPEN" | "DONE" }) =>
    database.actionItem.create({ data: { meetingId: data.ownerOrganisationCode === "RCC" ? firstMeeting.id : lastMeeting.id, ...data } });
  await actionItem({ text: "Send comments on Article 3", ownerOrganisationCode: "AL", dueDate: dueOn(-1) });
  await actionItem({ text: "Consult the ministry", ownerOrganisationCode: "AL", dueDate: dueOn(0) });
  await actionItem({ text: "Share the trusted list", ownerOrganisationCode: "ME" });
  await actionItem({ text: "Already done", ownerOrganisationCode: "RS", dueDate: dueOn(-10), status: "DONE" });
  await actionItem({ text: "Circulate the minutes", ownerOrganisationCode: "RCC", dueDate: dueOn(-5) });
  await actionItem({ text: "Check the national law", ownerUserId: delegates.BA.id, dueDate: dueOn(-2) });

  ids = { nextMeeting: nextMeeting.id, lastMeeting: lastMeeting.id, currentVersion: current.id, openRound: openRound.id };
  report = await findProgress({ actor: observer, now: NOW });
});

afterAll(async () => {
  await testDatabase?.drop();
});

describe("findProgress", () => {
  it("reports the first MoU, its current named version and its latest round", () => {
    expect(report.memorandum).toMatchObject({ id: memorandumId, versionCount: 2, roundCount: 2 });
    expect(report.memorandum?.currentVersion).toMatchObject({ id: ids.currentVersion, number: 3, name: "Draft 2" });
    const round = report.latestRound!;
    expect(round).toMatchObject({ id: ids.openRound, number: 2, status: "OPEN", version: { number: 3 } });
    expect(round.positions.map((row) => [row.organisationCode, row.signOff?.position ?? null])).toEqual([
      ["AL", "APPROVE"],
      ["BA", null],
      ["XK", null],
      ["ME", null],
      ["MK", "NOT_READY"],
      ["RS", "APPROVE_WITH_RESERVATION"],
    ]);
    expect(round.tally).toEqual({ APPROVE: 1, APPROVE_AD_REFERENDUM: 0, APPROVE_WITH_RESERVATION: 1, NOT_READY: 1, NONE: 3 });
  });

  it("counts the MoU's threads per economy and ignores other documents' threads", () => {
    for (const row of report.threads.byEconomy) {
      const expected = THREADS[row.organisationCode];
      expect(row, row.organisationCode).toEqual({
        organisationCode: row.organisationCode,
        open: expected.OPEN,
        answered: expected.ANSWERED,
        resolved: expected.RESOLVED,
        total: expected.OPEN + expected.ANSWERED + expected.RESOLVED,
      });
    }
    expect(report.threads.totals).toEqual({ open: 4, answered: 4, resolved: 3, total: 11 });
  });

  it("finds the next scheduled meeting, skipping cancelled ones, and the last meeting's decisions in order", () => {
    expect(report.nextMeeting).toMatchObject({ id: ids.nextMeeting, title: "3rd meeting", isUnderWay: false });
    expect(report.lastMeeting?.id).toBe(ids.lastMeeting);
    expect(report.lastMeeting?.decisions.map((decision) => decision.text)).toEqual(["The agenda was adopted.", "Economies send written comments."]);
  });

  it("counts open and overdue action items per economy, a person's items for their economy", () => {
    const rows = Object.fromEntries(report.actionItems.byOwner.map((row) => [row.organisationCode ?? "OTHER", { open: row.open, overdue: row.overdue }]));
    expect(rows).toEqual({
      AL: { open: 2, overdue: 1 },
      BA: { open: 1, overdue: 1 },
      XK: { open: 0, overdue: 0 },
      ME: { open: 1, overdue: 0 },
      MK: { open: 0, overdue: 0 },
      RS: { open: 0, overdue: 0 },
      OTHER: { open: 1, overdue: 1 },
    });
    expect(report.actionItems.totals).toEqual({ open: 5, overdue: 3 });
    // Oldest due date first.
    expect(report.actionItems.overdue.map((item) => item.text)).toEqual(["Circulate the minutes", "Check the national law", "Send comments on Article 3"]);
  });

  it("lists milestones oldest first: meetings, versions, rounds and approved minutes, not cancelled meetings", () => {
    const milestones = report.milestones.map((milestone) => `${milestone.kind}: ${milestone.label}`);
    expect(milestones).toEqual([
      "meeting: 1st meeting",
      "version: Version 1 saved: “Draft 1”",
      "roundOpened: Sign-off round 1 on v1 opened",
      "roundClosed: Sign-off round 1 on v1 closed",
      "version: Version 3 saved: “Draft 2”",
      "roundOpened: Sign-off round 2 on v3 opened",
      "meeting: 2nd meeting",
      "minutesApproved: Minutes approved: 2nd meeting",
      "upcomingMeeting: 3rd meeting",
    ]);
  });

  it("refuses a deactivated account", async () => {
    await expect(findProgress({ actor: { ...observer, isActive: false }, now: NOW })).rejects.toThrow(AppError);
  });
});

/** A small RFC 4180 reader, enough for the export: quoted fields, doubled quotes, CRLF. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let isQuoted = false;
  for (let index = 0; index < text.length; index++) {
    const character = text[index];
    if (isQuoted) {
      if (character === '"' && text[index + 1] === '"') {
        field += '"';
        index++;
      } else if (character === '"') isQuoted = false;
      else field += character;
    } else if (character === '"') isQuoted = true;
    else if (character === ",") {
      row.push(field);
      field = "";
    } else if (character === "\r" && text[index + 1] === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      index++;
    } else field += character;
  }
  return rows;
}

describe("progressCsv", () => {
  const csv = () => progressCsv(report);
  const figures = () => {
    const [header, ...rows] = parseCsv(csv().replace(/^\uFEFF/, ""));
    expect(header).toEqual([...CSV_COLUMNS]);
    return rows.map(([section, economyCode, economy, measure, value]) => ({ section, economyCode, economy, measure, value }));
  };
  const value = (section: string, economyCode: string, measure: string) => {
    const matches = figures().filter((figure) => figure.section === section && figure.economyCode === economyCode && figure.measure === measure);
    expect(matches, `${section}/${economyCode}/${measure}`).toHaveLength(1);
    return matches[0].value;
  };

  it("has exactly the page's comment thread counts, per economy and in total", () => {
    for (const row of report.threads.byEconomy) {
      expect(Number(value("comment_threads", row.organisationCode, "open"))).toBe(row.open);
      expect(Number(value("comment_threads", row.organisationCode, "answered"))).toBe(row.answered);
      expect(Number(value("comment_threads", row.organisationCode, "resolved"))).toBe(row.resolved);
      expect(Number(value("comment_threads", row.organisationCode, "open"))).toBe(THREADS[row.organisationCode].OPEN);
    }
    expect(Number(value("comment_threads", "ALL", "open"))).toBe(report.threads.totals.open);
    expect(Number(value("comment_threads", "ALL", "resolved"))).toBe(3);
  });

  it("has exactly the page's action item counts", () => {
    for (const row of report.actionItems.byOwner) {
      const code = row.organisationCode ?? "OTHER";
      expect(Number(value("action_items", code, "open"))).toBe(row.open);
      expect(Number(value("action_items", code, "overdue"))).toBe(row.overdue);
    }
    expect(Number(value("action_items", "ALL", "overdue"))).toBe(3);
  });

  it("has the latest round's positions, who recorded them and the digest they signed", () => {
    const round = report.latestRound!;
    expect(value("sign_off", "", "round")).toBe("2");
    expect(value("sign_off", "", "version")).toBe("3");
    for (const { organisationCode, signOff } of round.positions) {
      expect(value("sign_off", organisationCode, "position")).toBe(signOff?.position ?? "NONE");
      expect(value("sign_off", organisationCode, "recorded_by")).toBe(signOff?.recordedBy.name ?? "");
      expect(value("sign_off", organisationCode, "signed_digest")).toBe(signOff?.versionDigest ?? "");
    }
    expect(value("memorandum", "", "current_version")).toBe("3");
    expect(value("meetings", "", "next_meeting")).toBe("3rd meeting");
    expect(value("meetings", "", "last_meeting_decisions")).toBe("2");
  });

  it("quotes commas and quotes, defuses formulas, names Kosovo* and carries the footnote", () => {
    expect(value("sign_off", "RS", "reservation")).toBe(`'${RESERVATION}`);
    expect(csv()).toContain(`"'=IMPORTXML(""x""), Article 4`);
    expect(figures().find((figure) => figure.economyCode === "XK")?.economy).toBe("Kosovo*");
    expect(value("note", "XK", "footnote")).toBe(KOSOVO_FOOTNOTE);
    expect(csv().startsWith("\uFEFF")).toBe(true);
  });
});

describe("progressWideCsv", () => {
  const blocks = () => progressWideCsv(report).replace(/^\uFEFF/, "").trim().split("\r\n\r\n").map((block) => parseCsv(`${block}\r\n`));

  it("has one table per section, with a row per economy and the same thread counts as the page", () => {
    const threads = blocks().find(([title]) => title[0] === "Comment threads by economy")!;
    expect(threads[1]).toEqual(["Economy code", "Economy", "Open", "Answered", "Resolved"]);
    for (const row of report.threads.byEconomy) {
      const line = threads.find((cells) => cells[0] === row.organisationCode)!;
      expect(line.slice(2).map(Number)).toEqual([row.open, row.answered, row.resolved]);
    }
    expect(threads.find((cells) => cells[0] === "XK")?.[1]).toBe("Kosovo*");
    expect(threads.find((cells) => cells[0] === "ALL")?.slice(1, 2)).toEqual(["All economies"]);
  });

  it("puts the group's own figures in a single row under readable headers", () => {
    const memorandum = blocks().find(([title]) => title[0] === "Memorandum of Understanding")!;
    expect(memorandum).toHaveLength(3);
    expect(memorandum[1]).toContain("Current version");
    expect(memorandum[2][memorandum[1].indexOf("Current version")]).toBe("3");
    const positions = blocks().find(([title]) => title[0] === "Latest sign-off round by economy")!;
    expect(positions[1]).toEqual(["Economy code", "Economy", "Position", "Recorded by", "Recorded at", "Reservation", "Signed digest"]);
  });
});

describe("activity", () => {
  beforeAll(async () => {
    // 30 entries from three organisations across three kinds of activity, oldest first.
    for (let index = 0; index < 30; index++) {
      const actor = [secretariat, delegates.AL, delegates.RS][index % 3];
      const action = ["meeting.scheduled", "version.created", "signOff.recorded"][index % 3];
      await audited(async (_transaction, audit) => {
        await audit({
          actorId: actor.id,
          organisationCode: actor.organisationCode,
          action,
          targetType: action.split(".")[0],
          targetId: action === "meeting.scheduled" ? ids.nextMeeting : `target-${index}`,
          data:
            action === "signOff.recorded"
              ? { documentId: memorandumId, economy: actor.organisationCode, position: "APPROVE", versionNumber: 3 }
              : action === "version.created"
                ? { documentId: memorandumId, number: index, name: `Draft ${index}`, isCheckpoint: false }
                : { title: "3rd meeting" },
        });
      });
    }
  });

  it("pages through the whole log by cursor, newest first, without gaps or repeats", async () => {
    const total = await testDatabase.database.auditEvent.count();
    const seen: number[] = [];
    let before: number | undefined;
    for (let page = 0; page < 10; page++) {
      const result = await findActivity({ actor: observer, limit: 7, before });
      seen.push(...result.entries.map((entry) => entry.id));
      if (!result.nextCursor) break;
      before = result.nextCursor;
    }
    expect(seen).toHaveLength(total);
    expect(new Set(seen).size).toBe(total);
    expect(seen).toEqual([...seen].sort((a, b) => b - a));
  });

  it("filters by the organisation that acted and by the type of activity", async () => {
    const serbia = await findActivity({ actor: observer, organisationCode: "RS", limit: 100, category: "signOff" });
    expect(serbia.entries).toHaveLength(10);
    expect(serbia.entries.every((entry) => entry.organisationCode === "RS")).toBe(true);
    const signOff = await findActivity({ actor: observer, category: "signOff", limit: 100 });
    expect(signOff.entries.length).toBe(10);
    expect(signOff.entries.every((entry) => entry.action === "signOff.recorded")).toBe(true);
    const both = await findActivity({ actor: observer, organisationCode: "AL", category: "signOff" });
    expect(both.entries).toEqual([]);
    // Unknown filter values from a query string are ignored, not errors.
    const lenient = await findActivity({ actor: observer, organisationCode: "NOPE", category: "nonsense", before: "x", limit: 3 });
    expect(lenient.entries).toHaveLength(3);
  });

  it("names the document a comment thread is on", async () => {
    const thread = await testDatabase.database.commentThread.findFirstOrThrow({ where: { documentId: memorandumId, organisationCode: "XK" }, select: { id: true } });
    await audited(async (_transaction, audit) => {
      await audit({ actorId: delegates.XK.id, organisationCode: "XK", action: "thread.resolved", targetType: "commentThread", targetId: thread.id });
      await audit({ actorId: secretariat.id, organisationCode: "RCC", action: "comment.created", targetType: "comment", targetId: "comment-1", data: { threadId: thread.id } });
    });
    const { entries } = await findActivity({ actor: observer, category: "comments", limit: 2 });
    expect(entries.map((entry) => entry.sentence)).toEqual([
      "Ana Kovačević (RCC) replied in a comment thread on MoU on Regional Interoperability and Trust Services",
      "Delegate of XK (Kosovo*) resolved a comment thread on MoU on Regional Interoperability and Trust Services",
    ]);
    expect(entries[1].description.link?.href).toBe(`/documents/${memorandumId}`);
  });

  it("names the things entries point at", async () => {
    const { entries } = await findActivity({ actor: observer, category: "meetings", limit: 1 });
    expect(entries[0].sentence).toBe("Ana Kovačević (RCC) scheduled 3rd meeting");
    expect(entries[0].description.link).toEqual({ label: "3rd meeting", href: `/meetings/${ids.nextMeeting}` });
    const { entries: versions } = await findActivity({ actor: observer, category: "documents", limit: 1 });
    expect(versions[0].sentence).toBe("Delegate of AL (Albania) saved v28 “Draft 28” of MoU on Regional Interoperability and Trust Services");
  });
});

describe("describeActivity", () => {
  const event = (action: string, data: Record<string, unknown>, organisationCode: string | null = "RS") => ({
    id: 1,
    at: NOW,
    action,
    targetType: "x",
    targetId: "t",
    data: JSON.stringify(data),
    organisationCode,
    actor: organisationCode ? { name: "Nikola Petrović" } : null,
  });

  it("writes one sentence per known action", () => {
    expect(describeActivity(event("signOff.recorded", { economy: "RS", position: "APPROVE_WITH_RESERVATION", versionNumber: 3, documentId: "d" })).sentence).toBe(
      "Nikola Petrović (Serbia) recorded “Approves with reservation” for Serbia on v3 of a document",
    );
    expect(describeActivity(event("signOff.recorded", { economy: "XK", position: "APPROVE", onBehalfReason: "By e-mail" }, "RCC")).sentence).toBe(
      "Nikola Petrović (RCC) recorded “Approves” on behalf of Kosovo* on a document",
    );
    expect(describeActivity(event("decision.recorded", { text: "The agenda was adopted.", meetingId: "m" })).sentence).toBe(
      "Nikola Petrović (Serbia) recorded the decision “The agenda was adopted.” at a meeting",
    );
    expect(describeActivity(event("user.invited", { name: "Jana Novak", organisationCode: "ME" }, "RCC")).sentence).toBe(
      "Nikola Petrović (RCC) invited Jana Novak (Montenegro)",
    );
    expect(describeActivity(event("thread.turnedIntoSuggestion", { economy: "AL", documentId: "d", suggestionId: "proposal-t" }, "RCC")).sentence).toBe(
      "Nikola Petrović (RCC) turned Albania’s proposal into a suggestion in the text on a document",
    );
    expect(describeActivity(event("suggestion.accepted", { economy: "AL", documentId: "d", inserted: "", deleted: "", change: "Heading: ‘Each Participant shall recognise’" }, "RCC")).sentence).toBe(
      "Nikola Petrović (RCC) accepted Albania’s suggestion (Heading: ‘Each Participant shall recognise’) on a document",
    );
  });

  it("keeps unknown actions and broken details readable", () => {
    expect(describeActivity(event("treaty.ratifiedByParliament", {})).sentence).toBe("Nikola Petrović (Serbia) recorded “treaty ratified by parliament”");
    expect(describeActivity({ ...event("meeting.scheduled", {}), data: "not json" }).sentence).toBe("Nikola Petrović (Serbia) scheduled a meeting");
    expect(describeActivity(event("document.created", { title: "Minutes" }, null)).sentence).toBe("Accord created the document Minutes");
    // Without a lookup of the thread's document, the sentence simply does not say where.
    expect(describeActivity(event("thread.resolved", {})).sentence).toBe("Nikola Petrović (Serbia) resolved a comment thread");
  });
});
