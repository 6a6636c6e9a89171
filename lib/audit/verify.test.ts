import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { findAuditChainHead, formatAuditAnchor, parseAuditAnchor } from "@/lib/audit/chain-head";
import { audited, GENESIS_HASH, hashAuditEntry } from "@/lib/audit/record";
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
    expect(result).toMatchObject({ isIntact: true, checked: 5, head: { id: all[4].id, hash: all[4].hash, entryCount: 5 } });
    expect(await verifyAuditChain({ anchor: { entryCount: 3, hash: all[2].hash } })).toMatchObject({ isIntact: true });
    expect(await verifyAuditChain({ anchor: { entryCount: null, hash: all[2].hash } })).toMatchObject({ isIntact: true });
  });

  it("gives the chain head to print and export as “count:hash”", async () => {
    const all = await entries();
    const head = await findAuditChainHead();
    expect(head).toMatchObject({ id: all[4].id, hash: all[4].hash, entryCount: 5 });
    expect(formatAuditAnchor(head!)).toBe(`5:${all[4].hash}`);
    expect(await verifyAuditChain({ anchor: parseAuditAnchor(formatAuditAnchor(head!))! })).toMatchObject({ isIntact: true });
  });

  it("reads an anchor as “count:hash” or a bare hash, and refuses anything else", () => {
    const hash = "ab".repeat(32);
    expect(parseAuditAnchor(`12:${hash.toUpperCase()}`)).toEqual({ entryCount: 12, hash });
    expect(parseAuditAnchor(hash)).toEqual({ entryCount: null, hash });
    expect(parseAuditAnchor(`0:${hash}`)).toBeNull();
    expect(parseAuditAnchor("12:abc")).toBeNull();
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

  it("tells entries cut from the end (truncation) against a head noted earlier", async () => {
    const all = await entries();
    await testDatabase.database.auditEvent.deleteMany({ where: { id: { gte: all[3].id } } });
    expect(await verifyAuditChain()).toMatchObject({ isIntact: true });
    const truncated = await verifyAuditChain({ anchor: { entryCount: 5, hash: all[4].hash } });
    expect(truncated).toMatchObject({ isIntact: false, brokenAtId: null, kind: "truncated" });
    expect(truncated.isIntact || truncated.problem).toContain("the chain holds 3 entries but the head you noted was entry 5");
    expect(await verifyAuditChain({ anchor: { entryCount: null, hash: all[4].hash } })).toMatchObject({ isIntact: false, kind: "anchorMissing" });
  });

  it("tells a chain re-hashed from start to end (rewriting) against a head noted earlier", async () => {
    const all = await entries();
    // The forger alters entry 2 and recomputes every hash after it: the chain alone looks intact.
    let previousHash = GENESIS_HASH;
    for (const entry of all) {
      const rewritten = { ...entry, action: entry.id === all[1].id ? "test.forged" : entry.action, previousHash };
      const hash = hashAuditEntry(rewritten);
      await testDatabase.database.auditEvent.update({ where: { id: entry.id }, data: { action: rewritten.action, previousHash: `pending-${entry.id}`, hash: `pending-${entry.id}` } });
      await testDatabase.database.auditEvent.update({ where: { id: entry.id }, data: { previousHash, hash } });
      previousHash = hash;
    }
    expect(await verifyAuditChain()).toMatchObject({ isIntact: true, checked: 5 });
    const rewritten = await verifyAuditChain({ anchor: { entryCount: 5, hash: all[4].hash } });
    expect(rewritten).toMatchObject({ isIntact: false, brokenAtId: all[4].id, kind: "rewritten" });
    expect(rewritten.isIntact || rewritten.problem).toContain("the chain was rewritten at or before it");
  });
});
