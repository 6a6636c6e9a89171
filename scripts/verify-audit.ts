/**
 * `npm run audit:verify [-- --anchor <count>:<hash>]`: recomputes the audit log's hash chain, checks every
 * sign-off position and version row against the audit entry that recorded it, and recomputes every
 * version's digest from its content, in the configured database (DATABASE_URL). Exits 1 naming what was
 * altered, removed or inserted, so it can run from cron or CI. `--anchor` is the chain head noted
 * earlier (the command prints it; `/audit` and the progress brief show it): the check then also tells a
 * chain cut short from one rewritten.
 */
import fs from "node:fs";
import { parseArgs } from "node:util";
import { formatAuditAnchor, parseAuditAnchor } from "@/lib/audit/chain-head";
import { unsafeVerifyAuditRecord } from "@/lib/audit/verify";
import { db } from "@/lib/db";
import { env } from "@/lib/env";

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { anchor: { type: "string" } } });
  const anchor = values.anchor === undefined ? undefined : parseAuditAnchor(values.anchor);
  if (anchor === null) {
    console.error("--anchor takes the chain head as shown on /audit: <entry count>:<64 hexadecimal characters> (or the hash alone).");
    return 2;
  }
  const databaseUrl = env().DATABASE_URL;
  // Opening a missing SQLite file would create an empty one; say what is wrong instead.
  if (databaseUrl.startsWith("file:") && !fs.existsSync(databaseUrl.slice("file:".length))) {
    console.error(`No database at ${databaseUrl}. Set DATABASE_URL to the database to verify.`);
    return 2;
  }
  const { chain, rows, brokenVersions, isIntact } = await unsafeVerifyAuditRecord({ anchor });
  if (chain.isIntact) {
    console.log(`Audit log intact: ${chain.checked} entries checked${anchor ? ", including the anchor you gave" : ""}.`);
  } else {
    console.error(`Audit log BROKEN${chain.brokenAtId === null ? "" : ` at entry #${chain.brokenAtId}`}: ${chain.problem} (${chain.checked} entries verified${chain.brokenAtId === null ? "" : " before it"}).`);
  }
  if (chain.head) console.log(`Chain head (note it elsewhere; pass it as --anchor later): ${formatAuditAnchor(chain.head)} — entry #${chain.head.id} at ${chain.head.at.toISOString()}`);

  for (const problem of rows.problems) console.error(`${problem.rowType === "signOff" ? "Sign-off" : "Version"} BROKEN: ${problem.description}.`);
  if (rows.problems.length === 0) {
    console.log(`Records intact: ${rows.signOffCount} sign-off position${rows.signOffCount === 1 ? "" : "s"} and ${rows.versionCount} version${rows.versionCount === 1 ? "" : "s"} match the audit entries that recorded them.`);
  }

  for (const { version, verification } of brokenVersions) {
    const problems = [
      !verification.isContentIntact && `content digest ${verification.recomputedDigest} does not match stored ${verification.storedDigest}`,
      !verification.isCanonical && "content is not canonical JSON",
      verification.isTextWithSuggestionsIntact === false && "text with suggestions does not match its digest",
      !verification.isRecordIntact && (verification.recordedDigest ? `audit log recorded digest ${verification.recordedDigest}` : "no audit entry records its creation"),
    ].filter(Boolean);
    console.error(`Version ${version.number} “${version.name}” of document ${version.documentId} BROKEN: ${problems.join("; ")}.`);
  }
  if (brokenVersions.length === 0) console.log(`Versions intact: recomputed ${rows.versionCount} version digest${rows.versionCount === 1 ? "" : "s"} from stored content.`);
  return isIntact ? 0 : 1;
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
