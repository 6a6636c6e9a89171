import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { audited } from "@/lib/audit/record";
import { verifyAuditChain } from "@/lib/audit/verify";
import { createSqliteTestDatabase, type TestDatabase } from "@/lib/testing/database";

let testDatabase: TestDatabase;
beforeAll(async () => {
  testDatabase = await createSqliteTestDatabase();
});
afterAll(async () => testDatabase.drop());

async function recordEvents(count: number) {
  for (let index = 0; index < count; index++) {
    await audited(async (_transaction, audit) => {
      await audit({ actorId: null, organisationCode: "RCC", action: "test.event", targetType: "test", targetId: String(index), data: { index } });
    });
  }
}

describe("audit hash chain", () => {
  it("chains entries and verifies an intact log", async () => {
    await recordEvents(5);
    const entries = await testDatabase.database.auditEvent.findMany({ orderBy: { id: "asc" } });
    expect(entries).toHaveLength(5);
    for (let index = 1; index < entries.length; index++) expect(entries[index].previousHash).toBe(entries[index - 1].hash);
    expect(await verifyAuditChain()).toMatchObject({ isIntact: true, checked: 5 });
  });

  it("fails the whole change when its audit entry cannot be written", async () => {
    const before = await testDatabase.database.organisation.findUniqueOrThrow({ where: { code: "AL" } });
    await expect(
      audited(async (transaction, audit) => {
        await transaction.organisation.update({ where: { code: "AL" }, data: { shortName: "changed" } });
        // An unknown organisation breaks the audit write's foreign key.
        await audit({ actorId: null, organisationCode: "NOPE", action: "test.event", targetType: "test", targetId: "x" });
      }),
    ).rejects.toThrow();
    expect((await testDatabase.database.organisation.findUniqueOrThrow({ where: { code: "AL" } })).shortName).toBe(before.shortName);
  });

  it("detects an altered entry and a deleted one", async () => {
    const entries = await testDatabase.database.auditEvent.findMany({ orderBy: { id: "asc" } });
    await testDatabase.database.auditEvent.update({ where: { id: entries[2].id }, data: { data: JSON.stringify({ index: 99 }) } });
    expect(await verifyAuditChain()).toMatchObject({ isIntact: false, brokenAtId: entries[2].id, problem: "this entry was altered" });

    await testDatabase.database.auditEvent.update({ where: { id: entries[2].id }, data: { data: entries[2].data } });
    expect((await verifyAuditChain()).isIntact).toBe(true);

    await testDatabase.database.auditEvent.delete({ where: { id: entries[1].id } });
    expect(await verifyAuditChain()).toMatchObject({ isIntact: false, brokenAtId: entries[2].id });
  });
});
