/**
 * `npm run audit:verify [-- --anchor <hash>]`: recomputes the audit log's hash chain and every saved
 * version's digest in the configured database (DATABASE_URL). Exits 1 if anything was altered or
 * removed, so it can run from cron or CI. `--anchor` is the hash of an entry noted earlier (the
 * command prints the newest one): the check then also notices entries cut from the end of the log.
 */
import fs from "node:fs";
import { parseArgs } from "node:util";
import { verifyAuditChain } from "@/lib/audit/verify";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { unsafeVerifyAllVersions } from "@/lib/versions/verify-version";

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { anchor: { type: "string" } } });
  const databaseUrl = env().DATABASE_URL;
  // Opening a missing SQLite file would create an empty one; say what is wrong instead.
  if (databaseUrl.startsWith("file:") && !fs.existsSync(databaseUrl.slice("file:".length))) {
    console.error(`No database at ${databaseUrl}. Set DATABASE_URL to the database to verify.`);
    return 2;
  }
  const audit = await verifyAuditChain({ anchorHash: values.anchor });
  if (audit.isIntact) {
    console.log(`Audit log intact: ${audit.checked} entries checked.`);
  } else {
    console.error(`Audit log BROKEN${audit.brokenAtId === null ? "" : ` at entry #${audit.brokenAtId}`}: ${audit.problem} (${audit.checked} entries verified before it).`);
  }
  if (audit.head) console.log(`Newest entry #${audit.head.id} at ${audit.head.at.toISOString()}, hash ${audit.head.hash}`);

  const versions = await unsafeVerifyAllVersions();
  const broken = versions.filter(({ verification }) => !verification.isIntact);
  for (const { version, verification } of broken) {
    const problems = [
      !verification.isContentIntact && `content digest ${verification.recomputedDigest} does not match stored ${verification.storedDigest}`,
      !verification.isCanonical && "content is not canonical JSON",
      !verification.isRecordIntact && (verification.recordedDigest ? `audit log recorded digest ${verification.recordedDigest}` : "no audit entry records its creation"),
    ].filter(Boolean);
    console.error(`Version ${version.number} “${version.name}” of document ${version.documentId} BROKEN: ${problems.join("; ")}.`);
  }
  if (broken.length === 0) console.log(`Versions intact: recomputed ${versions.length} version digest${versions.length === 1 ? "" : "s"} from stored content.`);
  return audit.isIntact && broken.length === 0 ? 0 : 1;
}

main()
  .then(async (code) => {
    await db().$disconnect();
    process.exit(code);
  })
  .catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(2);
  });
