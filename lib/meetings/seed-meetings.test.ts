import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSqliteTestDatabase, type TestDatabase } from "@/lib/testing/database";
import { seedDemoData } from "@/lib/demo/seed-demo-data";
import { getMeeting } from "@/lib/meetings/get-meeting";
import { findActionItems } from "@/lib/meetings/find-action-items";
import { getDocument } from "@/lib/documents/find-documents";
import { jsonFromYjsState, plainTextFromJson } from "@/lib/documents/content";
import { can, type Actor } from "@/lib/policy";

let testDatabase: TestDatabase;
let observer: Actor;

beforeAll(async () => {
  testDatabase = await createSqliteTestDatabase();
  await seedDemoData(testDatabase.database, { workingGroupId: testDatabase.workingGroupId });
  observer = await testDatabase.database.user.findUniqueOrThrow({
    where: { email: "ec@accord.example" },
    select: { id: true, name: true, email: true, role: true, organisationCode: true, isActive: true },
  });
});
afterAll(async () => testDatabase.drop());

describe("demo meetings", () => {
  it("hold the February meeting in person and the May meeting online, each with agenda, attendance and approved minutes", async () => {
    const meetings = await testDatabase.database.meeting.findMany({ orderBy: { startsAt: "asc" }, select: { id: true } });
    expect(meetings).toHaveLength(2);
    const [february, may] = await Promise.all(meetings.map(({ id }) => getMeeting({ actor: observer, meetingId: id })));

    expect(february).toMatchObject({ format: "IN_PERSON", venue: "Regional Cooperation Council, Sarajevo", minutesStatus: "APPROVED" });
    expect(february.startsAt.toISOString()).toBe("2020-02-20T09:00:00.000Z");
    expect(may).toMatchObject({ format: "ONLINE", minutesStatus: "APPROVED" });
    expect(may.startsAt.toISOString()).toBe("2020-05-28T08:00:00.000Z");

    for (const meeting of [february, may]) {
      expect(meeting.agendaItems.length).toBeGreaterThanOrEqual(5);
      expect(meeting.attendance.filter((row) => row.status === "ATTENDED").length).toBeGreaterThanOrEqual(8);
      expect(meeting.minutesApprovedBy?.name).toBe("Ana Kovačević");
      const minutes = await getDocument({ actor: observer, documentId: meeting.minutesDocumentId! });
      expect(minutes.kind).toBe("MINUTES");
      // Approved minutes are frozen for everyone.
      expect(can(observer, "document.edit", minutes.target)).toBe(false);
    }
    expect(february.agendaItems.some((item) => item.presenterOrganisationCode === "AL" && item.title.includes("draft Memorandum"))).toBe(true);
    const mayText = plainTextFromJson(jsonFromYjsState((await getDocument({ actor: observer, documentId: may.minutesDocumentId! })).yjsState!));
    expect(mayText).toContain("consultations continue");
    expect(may.decisions.map((decision) => decision.text).join(" ")).toContain("proposed by Albania");
  });

  it("have action items, some done and one open and overdue", async () => {
    const all = await findActionItems({ actor: observer, isDoneIncluded: "true" });
    expect(all.items.filter((item) => item.status === "DONE").length).toBeGreaterThanOrEqual(3);
    const open = await findActionItems({ actor: observer });
    expect(open.items).toHaveLength(1);
    expect(open.items[0]).toMatchObject({ ownerOrganisationCode: "ME", isOverdue: true, canComplete: false });
  });
});
