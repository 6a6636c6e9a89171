import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDocument } from "@/lib/documents/create-document";
import { createTestActor } from "@/lib/testing/actors";
import { createSqliteTestDatabase, type TestDatabase } from "@/lib/testing/database";
import { createVersion } from "@/lib/versions/create-version";

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, "..");

/** Runs `npm run audit:verify` against the test database; resolves with its exit code and output. */
async function verifyCommand(databaseUrl: string, ...args: string[]) {
  try {
    const { stdout } = await run("npx", ["tsx", "scripts/verify-audit.ts", ...args], { cwd: root, env: { ...process.env, DATABASE_URL: databaseUrl } });
    return { code: 0, output: stdout };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, output: failed.stdout + failed.stderr };
  }
}

let testDatabase: TestDatabase;
let versionId: string;

beforeAll(async () => {
  testDatabase = await createSqliteTestDatabase();
  const secretariat = await createTestActor(testDatabase.database, { role: "SECRETARIAT", organisationCode: "RCC" });
  const { id: documentId } = await createDocument({ actor: secretariat, title: "Command test", template: "memorandum" });
  ({ id: versionId } = await createVersion({ actor: secretariat, documentId, name: "Draft 1" }));
});
afterAll(() => testDatabase.drop());

describe("npm run audit:verify", () => {
  it("exits 0 on an intact database, non-zero once an entry or a version is altered", async () => {
    const intact = await verifyCommand(testDatabase.url);
    expect(intact.output).toContain("Audit log intact: 2 entries checked.");
    expect(intact.output).toContain("Versions intact: recomputed 1 version digest from stored content.");
    expect(intact.code).toBe(0);

    const version = await testDatabase.database.documentVersion.findUniqueOrThrow({ where: { id: versionId } });
    await testDatabase.database.documentVersion.update({ where: { id: versionId }, data: { content: version.content.replace("Purpose", "Porpoise") } });
    const tamperedVersion = await verifyCommand(testDatabase.url);
    expect(tamperedVersion.code).toBe(1);
    expect(tamperedVersion.output).toContain("Version 1 “Draft 1”");
    await testDatabase.database.documentVersion.update({ where: { id: versionId }, data: { content: version.content } });

    const [first] = await testDatabase.database.auditEvent.findMany({ orderBy: { id: "asc" }, take: 1 });
    await testDatabase.database.auditEvent.update({ where: { id: first.id }, data: { targetId: "someone-else" } });
    const tamperedLog = await verifyCommand(testDatabase.url);
    expect(tamperedLog.code).toBe(1);
    expect(tamperedLog.output).toContain(`Audit log BROKEN at entry #${first.id}`);
  }, 60_000);
});
