import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { digestOfVersionRow } from "@/lib/audit/row-digest";
import { unsafeVerifyBoundRows } from "@/lib/audit/verify-rows";
import { createDocument } from "@/lib/documents/create-document";
import type { Actor } from "@/lib/policy";
import { createTestActor } from "@/lib/testing/actors";
import { createSqliteTestDatabase, type TestDatabase } from "@/lib/testing/database";
import { digestOfContent } from "@/lib/versions/canonical-content";
import { createVersion } from "@/lib/versions/create-version";
import { unsafeVerifyAllVersions, verifyVersion } from "@/lib/versions/verify-version";

let testDatabase: TestDatabase;
let secretariat: Actor;
let observer: Actor;

beforeAll(async () => {
  testDatabase = await createSqliteTestDatabase();
  secretariat = await createTestActor(testDatabase.database, { role: "SECRETARIAT", organisationCode: "RCC" });
  observer = await createTestActor(testDatabase.database, { role: "OBSERVER", organisationCode: "CEFTA" });
});
afterAll(() => testDatabase.drop());

async function savedVersion() {
  const { id: documentId } = await createDocument({ actor: secretariat, title: "Verification test", template: "memorandum" });
  const version = await createVersion({ actor: secretariat, documentId, name: "Draft 1" });
  return { documentId, versionId: version.id };
}

describe("version verification", () => {
  it("confirms an untouched version, for any reader", async () => {
    const { documentId, versionId } = await savedVersion();
    const { verification } = await verifyVersion({ actor: observer, documentId, versionId });
    expect(verification).toMatchObject({ isIntact: true, isContentIntact: true, isCanonical: true, isRecordIntact: true });
    expect(verification.recomputedDigest).toBe(verification.storedDigest);
  });

  it("detects content changed in the database", async () => {
    const { documentId, versionId } = await savedVersion();
    const stored = await testDatabase.database.documentVersion.findUniqueOrThrow({ where: { id: versionId } });
    await testDatabase.database.documentVersion.update({ where: { id: versionId }, data: { content: stored.content.replace("twice a year", "once a year") } });
    const { verification } = await verifyVersion({ actor: observer, documentId, versionId });
    expect(verification).toMatchObject({ isIntact: false, isContentIntact: false, isRecordIntact: true });
    expect(verification.recomputedDigest).not.toBe(stored.digest);
  });

  it("detects content and digest rewritten together, through the digest the audit log recorded", async () => {
    const { documentId, versionId } = await savedVersion();
    const stored = await testDatabase.database.documentVersion.findUniqueOrThrow({ where: { id: versionId } });
    const forged = stored.content.replace("twice a year", "once a year");
    await testDatabase.database.documentVersion.update({ where: { id: versionId }, data: { content: forged, digest: digestOfContent(forged) } });
    const { verification } = await verifyVersion({ actor: observer, documentId, versionId });
    expect(verification).toMatchObject({ isIntact: false, isContentIntact: true, isRecordIntact: false, recordedDigest: stored.digest });

    const all = await unsafeVerifyAllVersions();
    expect(all.find((entry) => entry.version.id === versionId)?.verification.isIntact).toBe(false);
  });

  it("detects whitespace added to otherwise identical content", async () => {
    const { documentId, versionId } = await savedVersion();
    const stored = await testDatabase.database.documentVersion.findUniqueOrThrow({ where: { id: versionId } });
    await testDatabase.database.documentVersion.update({ where: { id: versionId }, data: { content: stored.content.replace('{"content"', '{ "content"') } });
    const { verification } = await verifyVersion({ actor: observer, documentId, versionId });
    expect(verification).toMatchObject({ isIntact: false, isContentIntact: false, isCanonical: false });
  });

  it("checks the text with open suggestions against its digest, and that digest against the audited row", async () => {
    const { documentId, versionId } = await savedVersion();
    const stored = await testDatabase.database.documentVersion.findUniqueOrThrow({ where: { id: versionId } });
    expect(stored.digestWithSuggestions).toBe(digestOfContent(stored.contentWithSuggestions!));
    expect((await verifyVersion({ actor: observer, documentId, versionId })).verification.isTextWithSuggestionsIntact).toBe(true);

    const forged = stored.contentWithSuggestions!.replace("twice a year", "once a year");
    await testDatabase.database.documentVersion.update({ where: { id: versionId }, data: { contentWithSuggestions: forged } });
    expect((await verifyVersion({ actor: observer, documentId, versionId })).verification).toMatchObject({ isIntact: false, isTextWithSuggestionsIntact: false, isContentIntact: true });

    // Rewriting the digest too passes the version's own check, but no longer matches the row the audit log recorded.
    await testDatabase.database.documentVersion.update({ where: { id: versionId }, data: { digestWithSuggestions: digestOfContent(forged) } });
    expect((await verifyVersion({ actor: observer, documentId, versionId })).verification.isTextWithSuggestionsIntact).toBe(true);
    const rows = await unsafeVerifyBoundRows({ documentId });
    expect(rows.problems).toContainEqual(expect.objectContaining({ rowId: versionId, kind: "altered" }));
  });

  it("keeps the row digest of versions saved before the text with suggestions was kept", () => {
    const row = { id: "v1", documentId: "d1", number: 1, name: "Draft 1", digest: "a".repeat(64), isCheckpoint: false, createdById: "u1", createdAt: new Date("2026-01-02T03:04:05.678Z") };
    const earlierFormat = crypto
      .createHash("sha256")
      .update(JSON.stringify(["documentVersion", row.id, row.documentId, row.number, row.name, row.digest, row.isCheckpoint, row.createdById, row.createdAt.toISOString()]))
      .digest("hex");
    expect(digestOfVersionRow({ ...row, digestWithSuggestions: null })).toBe(earlierFormat);
    expect(digestOfVersionRow({ ...row, digestWithSuggestions: "b".repeat(64) })).not.toBe(earlierFormat);
  });
});
