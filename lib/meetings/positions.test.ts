import { afterAll, describe, expect, it } from "vitest";
import { createPostgresTestDatabase, createSqliteTestDatabase, isPostgresAvailable, type TestDatabase } from "@/lib/testing/database";
import { createTestActor } from "@/lib/testing/actors";
import { createMeeting } from "@/lib/meetings/create-meeting";
import { addAgendaItem } from "@/lib/meetings/add-agenda-item";
import { addDecision } from "@/lib/meetings/add-decision";
import { reorderAgenda } from "@/lib/meetings/reorder-agenda";
import { isPositionConflict } from "@/lib/meetings/position-conflict";

const backends: [string, () => Promise<TestDatabase>, () => Promise<boolean>][] = [
  ["SQLite", createSqliteTestDatabase, async () => true],
  ["PostgreSQL", createPostgresTestDatabase, isPostgresAvailable],
];

describe.each(backends)("agenda and decision places on %s", (_name, create, isAvailable) => {
  let testDatabase: TestDatabase | undefined;
  afterAll(async () => testDatabase?.drop());

  it("are unique per meeting in the database; reordering and simultaneous additions still work", async (context) => {
    // Outside CI a developer without PostgreSQL skips; in CI isPostgresAvailable throws instead.
    if (!(await isAvailable())) return context.skip();
    testDatabase = await create();
    const { database } = testDatabase;
    const secretariat = await createTestActor(database, { role: "SECRETARIAT", organisationCode: "RCC" });
    const { id: meetingId } = await createMeeting({ actor: secretariat, title: "Places", startsAt: "2026-05-14T10:00", endsAt: "2026-05-14T12:00", format: "ONLINE", onlineUrl: "https://meet.example.org/wg" });
    const { id: otherMeetingId } = await createMeeting({ actor: secretariat, title: "Other", startsAt: "2026-05-15T10:00", endsAt: "2026-05-15T12:00", format: "ONLINE", onlineUrl: "https://meet.example.org/wg" });

    // Written past the domain layer, as a bug or a hand edit would: the database itself refuses.
    await database.agendaItem.create({ data: { meetingId, position: 1, title: "First" } });
    const duplicateItem = await database.agendaItem.create({ data: { meetingId, position: 1, title: "Also first" } }).then(() => null, (error: unknown) => error);
    expect(isPositionConflict(duplicateItem)).toBe(true);
    await database.decision.create({ data: { meetingId, position: 1, text: "Decided" } });
    const duplicateDecision = await database.decision.create({ data: { meetingId, position: 1, text: "Decided again" } }).then(() => null, (error: unknown) => error);
    expect(isPositionConflict(duplicateDecision)).toBe(true);
    // The same place in another meeting is fine.
    await database.agendaItem.create({ data: { meetingId: otherMeetingId, position: 1, title: "First elsewhere" } });

    // Five people adding at the same moment all get in, each at its own place.
    await Promise.all([1, 2, 3, 4, 5].map((number) => addAgendaItem({ actor: secretariat, meetingId, title: `Item ${number}` })));
    await Promise.all([1, 2, 3].map((number) => addDecision({ actor: secretariat, meetingId, text: `Decision ${number}` })));
    const items = await database.agendaItem.findMany({ where: { meetingId }, orderBy: { position: "asc" }, select: { id: true, position: true } });
    expect(items.map((item) => item.position)).toEqual([1, 2, 3, 4, 5, 6]);
    const decisions = await database.decision.findMany({ where: { meetingId }, orderBy: { position: "asc" }, select: { position: true } });
    expect(decisions.map((decision) => decision.position)).toEqual([1, 2, 3, 4]);

    // Reversing swaps every place with another one: each must step aside first.
    const reversed = items.map((item) => item.id).reverse();
    await reorderAgenda({ actor: secretariat, meetingId, agendaItemIds: reversed });
    const reordered = await database.agendaItem.findMany({ where: { meetingId }, orderBy: { position: "asc" }, select: { id: true, position: true } });
    expect(reordered).toEqual(reversed.map((id, index) => ({ id, position: index + 1 })));
  }, 60_000);
});
