import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { audited, hashAuditEntry } from "@/lib/audit/record";
import { verifyAuditChain } from "@/lib/audit/verify";
import { createSqliteTestDatabase, type TestDatabase } from "@/lib/testing/database";

let testDatabase: TestDatabase;

beforeEach(async () => {
  testDatabase = await createSqliteTestDatabase();
  for (let index = 1; index <= 5; index++) {
    await audited(async (_transaction, audit) => {
      await audit({ actorId: null, organisationCode: "RCC", action: "test.recorded", targetType: "test", targetId: `t${index}`, data: { index } });
    });
  }
});
afterEach(() => testDatabase.drop());

const entries = () => testDatabase.database.auditEvent.findMany({ orderBy: { id: "asc" } });

// The basic altered and deleted cases are in audit.test.ts; these cover forgery, the chain's ends and the anchor.
describe("audit chain verification", () => {
  it("accepts an untouched chain and reports its newest entry", async () => {
    const all = await entries();
    const result = await verifyAuditChain();
    expect(result).toMatchObject({ isIntact: true, checked: 5, head: { id: all[4].id, hash: all[4].hash } });
    expect(await verifyAuditChain({ anchorHash: all[2].hash })).toMatchObject({ isIntact: true });
  });

  it("detects an altered entry whose hash was recomputed to match", async () => {
    const all = await entries();
    // A forger who rewrites one entry and its own hash still breaks the link from the next entry.
    const forged = { ...all[1], action: "test.forged" };
    await testDatabase.database.auditEvent.update({ where: { id: all[1].id }, data: { action: forged.action, hash: hashAuditEntry(forged) } });
    expect(await verifyAuditChain()).toMatchObject({ isIntact: false, brokenAtId: all[2].id });
  });

  it("detects the deletion of the very first entry", async () => {
    const all = await entries();
    await testDatabase.database.auditEvent.delete({ where: { id: all[0].id } });
    expect(await verifyAuditChain()).toMatchObject({ isIntact: false, brokenAtId: all[1].id, problem: "an earlier entry was removed or altered" });
  });

  it("detects entries cut from the end against a hash noted earlier", async () => {
    const all = await entries();
    await testDatabase.database.auditEvent.deleteMany({ where: { id: { gte: all[3].id } } });
    expect(await verifyAuditChain()).toMatchObject({ isIntact: true });
    expect(await verifyAuditChain({ anchorHash: all[4].hash })).toMatchObject({ isIntact: false, brokenAtId: null });
  });
});
