import type { AuditAnchor } from "@/lib/audit/chain-head";
import type { AuditRecordVerification } from "@/lib/audit/verify";
import { formatDateTime } from "@/components/ui/dates";
import styles from "./audit.module.css";

/** Everything a broken check found, one line each, naming the entry or row. */
function problemLines(result: AuditRecordVerification): string[] {
  const { chain, rows, brokenVersions } = result;
  const lines: string[] = [];
  if (!chain.isIntact) lines.push(`The chain is broken${chain.brokenAtId === null ? "" : ` at entry #${chain.brokenAtId}`}: ${chain.problem}.`);
  for (const problem of rows.problems) lines.push(`${problem.description}.`);
  for (const { version, verification } of brokenVersions) {
    if (!verification.isContentIntact) lines.push(`Version ${version.number} “${version.name}” of document ${version.documentId}: its stored text no longer gives its digest.`);
    else if (!verification.isCanonical) lines.push(`Version ${version.number} “${version.name}” of document ${version.documentId}: its stored text is not canonical JSON.`);
  }
  return lines;
}

/** The verification's outcome, at the top of the audit page. */
export function AuditVerdict({ result, anchor, checkedAt }: { result: AuditRecordVerification; anchor?: AuditAnchor; checkedAt: Date }) {
  const { chain, rows } = result;
  const lines = problemLines(result);
  return (
    <section className="card" aria-labelledby="audit-verdict" data-testid="audit-verification" data-intact={result.isIntact}>
      <h2 id="audit-verdict" className={styles.verdict} data-testid="audit-verdict">
        <span className={`${styles.checkMark} ${result.isIntact ? styles.checkPass : styles.checkFail}`} aria-hidden="true">{result.isIntact ? "✓" : "✗"}</span>
        {result.isIntact ? `Intact: ${chain.checked} entries verified.` : "Verification FAILED: the record was changed outside Accord."}
      </h2>
      {result.isIntact ? (
        <p>
          Every entry links to the one before it, and the {rows.signOffCount} sign-off position{rows.signOffCount === 1 ? "" : "s"} and {rows.versionCount} version
          {rows.versionCount === 1 ? "" : "s"} in the database are exactly as the entries that recorded them say.
        </p>
      ) : (
        <ul className={styles.problems} data-testid="audit-problems">
          {lines.map((line) => <li key={line}>{line}</li>)}
        </ul>
      )}
      {anchor && chain.isIntact && (
        <p className="alert alert--success" data-testid="anchor-result">
          The chain head you noted ({anchor.entryCount === null ? "" : `entry ${anchor.entryCount}, `}
          {anchor.hash.slice(0, 12)}…) is still in the chain: nothing recorded up to it was removed or rewritten.
        </p>
      )}
      <p className="subtle">
        Recomputed just now ({formatDateTime(checkedAt)}). The same check runs on the server with <code>npm run audit:verify</code>, which exits with an error naming
        whatever fails.
      </p>
    </section>
  );
}
