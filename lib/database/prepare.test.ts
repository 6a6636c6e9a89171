import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { expect, it } from "vitest";
import { createDatabase } from "@/lib/db";
import { createPostgresTestDatabase, isPostgresAvailable } from "@/lib/testing/database";

const root = path.resolve(import.meta.dirname, "..", "..");

type Instance = { ready: Promise<void>; go: () => void; finished: Promise<{ status: number | null; output: string }> };

/** One Accord instance's start-up in its own process: it loads, says "ready", and prepares the database on "go". */
function startInstance(script: string, databaseUrl: string): Instance {
  const child = spawn(path.join(root, "node_modules", ".bin", "node"), ["--import", "tsx", script], {
    cwd: root,
    env: { ...process.env, NODE_ENV: "test", DATABASE_URL: databaseUrl, ACCORD_DEMO_DATA: "true", NEXTAUTH_SECRET: "prepare-test-secret-0123456789abcdef-0123" },
    stdio: ["pipe", "pipe", "pipe"],
  });
  let output = "";
  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  child.stdout.on("data", (chunk: Buffer) => {
    output += chunk.toString();
    if (output.includes("ready")) markReady();
  });
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const finished = new Promise<{ status: number | null; output: string }>((resolve) => child.once("exit", (status) => {
    markReady();
    resolve({ status, output });
  }));
  return { ready, go: () => child.stdin.end("go\n"), finished };
}

it("three instances starting together on an empty PostgreSQL database seed the demo data exactly once", async (context) => {
  if (!(await isPostgresAvailable())) return context.skip();
  const testDatabase = await createPostgresTestDatabase();
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), "accord-prepare-"));
  try {
    // Empty, as a new deployment's database is: no tables, no migrations recorded.
    const client = new pg.Client({ connectionString: testDatabase.url });
    await client.connect();
    await client.query("DROP SCHEMA public CASCADE; CREATE SCHEMA public;");
    await client.end();
    await testDatabase.database.$disconnect();

    const script = path.join(directory, "start-instance.mts");
    fs.writeFileSync(
      script,
      `import { prepareDatabase } from ${JSON.stringify(path.join(root, "lib", "database", "prepare.ts"))};
       console.log("ready");
       // All three wait here, so they reach the database at the same moment.
       await new Promise((resolve) => process.stdin.once("data", resolve));
       console.log("result:" + JSON.stringify(await prepareDatabase()));
       process.exit(0);`,
    );
    const instances = [1, 2, 3].map(() => startInstance(script, testDatabase.url));
    await Promise.all(instances.map((instance) => instance.ready));
    for (const instance of instances) instance.go();
    const results = await Promise.all(instances.map((instance) => instance.finished));

    for (const { status, output } of results) expect(status, output).toBe(0);
    const prepared = results.map(({ output }) => JSON.parse(output.split("result:")[1]) as { migrationsApplied: string[]; seeded: boolean });
    expect(prepared.filter((result) => result.seeded)).toHaveLength(1);
    expect(prepared.filter((result) => result.migrationsApplied.includes("0001_init"))).toHaveLength(1);

    const reopened = createDatabase(testDatabase.url);
    try {
      expect(await reopened.workingGroup.count()).toBe(1);
      const emails = (await reopened.user.findMany({ select: { email: true } })).map((user) => user.email);
      expect(emails).toContain("secretariat@accord.example");
      expect(new Set(emails).size).toBe(emails.length);
      expect(emails).toHaveLength(10);
      expect(await reopened.document.count({ where: { kind: "MOU" } })).toBe(1);
    } finally {
      await reopened.$disconnect();
    }
  } finally {
    fs.rmSync(directory, { recursive: true, force: true });
    await testDatabase.drop();
  }
}, 180_000);
