import crypto from "node:crypto";
import { performance } from "node:perf_hooks";
import { installDatabase, type Database } from "@/lib/db";
import { canonicalContentFromJson, digestOfContent } from "@/lib/versions/canonical-content";
import { ECONOMY_CODES } from "@/lib/organisations/catalogue";
import type { Actor } from "@/lib/policy";
import { findProgress } from "@/lib/progress/find-progress";
import { createTestActor } from "@/lib/testing/actors";
import { createPostgresTestDatabase, createSqliteTestDatabase, isPostgresAvailable, type TestDatabase } from "@/lib/testing/database";
import { seedDemoData } from "@/lib/demo/seed-demo-data";
import { memorandumDraft } from "@/lib/documents/memorandum-template";

/**
 * `npx tsx bench/progress.ts`: how long the progress page's data takes to load (findProgress, the
 * one function behind the page, its brief and its CSV) on the demo data and on a large history
 * (1,000 comment threads with their comments, 50 meetings, 20 versions), in throw-away SQLite and,
 * when it answers, PostgreSQL databases, in one run. Also counts the database operations per load,
 * which must not grow with the data.
 */

const RUNS = 60;
const WARM_UP = 5;
const LARGE = { threads: 1_000, meetings: 50, versions: 20, rounds: 5, decisionsPerMeeting: 5, actionItemsPerMeeting: 4, auditEvents: 2_000 };
const DAY = 86_400_000;

type Result = { backend: string; dataSet: string; p50: number; p95: number; operations: number };

const percentile = (sorted: number[], fraction: number) => sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)];
const pick = <T>(items: readonly T[], index: number) => items[index % items.length];

/** The large history, written in bulk; the rows are shaped like the app writes them. */
async function seedLargeHistory(database: Database, workingGroupId: string): Promise<void> {
  const users = await database.user.findMany({ select: { id: true, organisationCode: true } });
  const userOf = (code: string) => users.find((user) => user.organisationCode === code)!.id;
  const secretariatId = userOf("RCC");
  const memorandum = await database.document.findFirstOrThrow({ where: { kind: "MOU" }, orderBy: { createdAt: "asc" }, select: { id: true } });
  const now = Date.now();

  const content = canonicalContentFromJson(memorandumDraft());
  const digest = digestOfContent(content);
  const versions = Array.from({ length: LARGE.versions }, (_, index) => ({
    id: crypto.randomUUID(),
    documentId: memorandum.id,
    number: index + 1,
    name: `Draft ${index + 1}`,
    content,
    digest,
    createdById: secretariatId,
    createdAt: new Date(now - (LARGE.versions - index) * 20 * DAY),
  }));
  await database.documentVersion.createMany({ data: versions });
  for (let index = 0; index < LARGE.rounds; index++) {
    const version = versions[LARGE.versions - LARGE.rounds + index];
    const isLast = index === LARGE.rounds - 1;
    await database.signOffRound.create({
      data: {
        documentId: memorandum.id,
        versionId: version.id,
        openedById: secretariatId,
        openedAt: new Date(version.createdAt.getTime() + DAY),
        status: isLast ? "OPEN" : "CLOSED",
        closedAt: isLast ? null : new Date(version.createdAt.getTime() + 10 * DAY),
        signOffs: {
          create: ECONOMY_CODES.slice(0, isLast ? 4 : 6).map((code, position) => ({
            organisationCode: code,
            position: pick(["APPROVE", "APPROVE_AD_REFERENDUM", "APPROVE_WITH_RESERVATION", "NOT_READY"] as const, position),
            reservation: position % 4 === 2 ? "Subject to the amendment of the national law." : null,
            versionDigest: digest,
            recordedById: userOf(code),
          })),
        },
      },
    });
  }

  const threads = Array.from({ length: LARGE.threads }, (_, index) => {
    const code = pick(ECONOMY_CODES, index);
    return {
      id: crypto.randomUUID(),
      documentId: memorandum.id,
      organisationCode: code,
      authorId: userOf(code),
      kind: pick(["REMARK", "PROPOSAL", "RESERVATION", "QUESTION"] as const, index),
      status: pick(["OPEN", "ANSWERED", "RESOLVED", "RESOLVED"] as const, index >> 3),
      quote: "the Participants",
    };
  });
  await database.commentThread.createMany({ data: threads });
  await database.comment.createMany({
    data: threads.map((thread) => ({ threadId: thread.id, authorId: thread.authorId, organisationCode: thread.organisationCode, body: "A point on the text." })),
  });

  for (let index = 0; index < LARGE.meetings; index++) {
    // Two-thirds in the past, the rest ahead; one in twenty cancelled.
    const startsAt = new Date(now + (index - Math.floor((LARGE.meetings * 2) / 3)) * 14 * DAY);
    const isPast = startsAt.getTime() < now;
    await database.meeting.create({
      data: {
        workingGroupId,
        title: `Meeting ${index + 1} of the Working Group`,
        startsAt,
        endsAt: new Date(startsAt.getTime() + 4 * 3600_000),
        format: "HYBRID",
        venue: "RCC Secretariat, Sarajevo",
        onlineUrl: "https://meet.example.org/rcc",
        status: index % 20 === 7 ? "CANCELLED" : "SCHEDULED",
        minutesStatus: isPast ? "APPROVED" : "DRAFT",
        minutesApprovedAt: isPast ? new Date(startsAt.getTime() + 10 * DAY) : null,
        minutesApprovedById: isPast ? secretariatId : null,
        createdById: secretariatId,
        decisions: { create: Array.from({ length: LARGE.decisionsPerMeeting }, (_, position) => ({ position, text: `Decision ${position + 1}.` })) },
        actionItems: {
          create: Array.from({ length: LARGE.actionItemsPerMeeting }, (_, position) => ({
            text: `Action ${position + 1}.`,
            ownerOrganisationCode: pick([...ECONOMY_CODES, "RCC"], index + position),
            dueDate: new Date(`${new Date(startsAt.getTime() + 30 * DAY).toISOString().slice(0, 10)}T00:00:00.000Z`),
            status: position === 0 && isPast ? ("DONE" as const) : ("OPEN" as const),
          })),
        },
      },
    });
  }

  // The feed's entries only need to exist in number here; a throw-away chain need not verify.
  await database.auditEvent.createMany({
    data: Array.from({ length: LARGE.auditEvents }, (_, index) => ({
      at: new Date(now - (LARGE.auditEvents - index) * 60_000),
      actorId: secretariatId,
      organisationCode: "RCC",
      action: "comment.created",
      targetType: "comment",
      targetId: `bench-${index}`,
      data: JSON.stringify({ threadId: pick(threads, index).id }),
      previousHash: crypto.randomBytes(32).toString("hex"),
      hash: crypto.randomBytes(32).toString("hex"),
    })),
  });
}

/** Times findProgress; the operations counter sees every model call the load makes. */
async function measure(testDatabase: TestDatabase, observer: Actor, counter: { operations: number }) {
  const timings: number[] = [];
  let operations = 0;
  for (let run = 0; run < WARM_UP + RUNS; run++) {
    counter.operations = 0;
    const started = performance.now();
    await findProgress({ actor: observer });
    const elapsed = performance.now() - started;
    if (run >= WARM_UP) timings.push(elapsed);
    operations = counter.operations;
  }
  timings.sort((a, b) => a - b);
  return { p50: percentile(timings, 0.5), p95: percentile(timings, 0.95), operations };
}

async function benchmark(backend: string, create: () => Promise<TestDatabase>, dataSet: "baseline" | "large"): Promise<Result> {
  const testDatabase = await create();
  try {
    await seedDemoData(testDatabase.database, { workingGroupId: testDatabase.workingGroupId });
    if (dataSet === "large") await seedLargeHistory(testDatabase.database, testDatabase.workingGroupId);
    const observer = await createTestActor(testDatabase.database, { role: "OBSERVER", organisationCode: "EC" });
    const counter = { operations: 0 };
    const counted = testDatabase.database.$extends({
      query: {
        async $allOperations({ args, query }) {
          counter.operations += 1;
          return query(args);
        },
      },
    });
    installDatabase(counted as unknown as Database);
    const figures = await measure(testDatabase, observer, counter);
    const label = dataSet === "baseline"
      ? "demo data (baseline)"
      : `${LARGE.threads.toLocaleString("en-GB")} threads/comments, ${LARGE.meetings} meetings, ${LARGE.versions} versions`;
    return { backend, dataSet: label, ...figures };
  } finally {
    await testDatabase.drop();
  }
}

async function main() {
  const results: Result[] = [];
  const backends: [string, () => Promise<TestDatabase>][] = [["SQLite", createSqliteTestDatabase]];
  if (await isPostgresAvailable()) backends.push(["PostgreSQL", createPostgresTestDatabase]);
  else console.log("PostgreSQL did not answer; measuring SQLite only.");
  for (const [backend, create] of backends) {
    for (const dataSet of ["baseline", "large"] as const) results.push(await benchmark(backend, create, dataSet));
  }
  console.log(`\nProgress page data load (findProgress), ${RUNS} runs after ${WARM_UP} warm-up, in milliseconds\n`);
  const rows = results.map((result) => [result.backend, result.dataSet, result.p50.toFixed(1), result.p95.toFixed(1), String(result.operations)]);
  const header = ["backend", "data set", "p50 ms", "p95 ms", "Prisma calls per load"];
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column].length)));
  const line = (cells: string[]) => cells.map((cell, column) => (column >= 2 ? cell.padStart(widths[column]) : cell.padEnd(widths[column]))).join("  ");
  console.log(line(header));
  for (const row of rows) console.log(line(row));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
