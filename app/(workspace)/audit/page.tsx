import type { Metadata } from "next";
import { z } from "zod";
import { requireActorForPage } from "@/lib/auth/current";
import { verifyAuditLog } from "@/lib/audit/verify";
import { PageHeader } from "@/components/ui/PageHeader";
import { formatDateTime } from "@/components/ui/dates";
import styles from "@/components/versions/versions.module.css";

export const metadata: Metadata = { title: "Audit log" };

const searchSchema = z.object({ anchor: z.string().trim().regex(/^[0-9a-f]{64}$/i).optional().catch(undefined) });

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireActorForPage();
  const { anchor } = searchSchema.parse(await searchParams);
  const result = await verifyAuditLog({ actor, anchorHash: anchor?.toLowerCase() });

  return (
    <>
      <PageHeader
        eyebrow="Working group"
        title="Audit log"
        description="Every change in Accord is appended to a log in which each entry includes the previous entry's hash. Altering or deleting any entry breaks the chain."
      />
      <section className="card" aria-labelledby="audit-verdict">
        <h2 id="audit-verdict" className={styles.verdict} data-testid="audit-verdict">
          <span className={`${styles.checkMark} ${result.isIntact ? styles.checkPass : styles.checkFail}`} aria-hidden="true">{result.isIntact ? "✓" : "✗"}</span>
          {result.isIntact
            ? `The chain is intact: ${result.checked} entries verified.`
            : `The chain is BROKEN${result.brokenAtId === null ? "" : ` at entry #${result.brokenAtId}`}: ${result.problem}.`}
        </h2>
        <p className="subtle">
          Recomputed just now ({formatDateTime(new Date())}). The same check runs on the server with <code>npm run audit:verify</code>, which exits with an error
          if the chain is broken.
        </p>
        {!result.isIntact && <p className="subtle">{result.checked} entries before the break verified correctly.</p>}
        {anchor && result.isIntact && <p className="alert alert--success">The entry you noted ({anchor.slice(0, 12)}…) is still in the chain.</p>}
      </section>
      <section className="card" aria-labelledby="head-heading">
        <h2 id="head-heading">Newest entry</h2>
        {result.head ? (
          <>
            <p>
              Entry #{result.head.id}, {formatDateTime(result.head.at)}:
            </p>
            <p><code className={styles.fullDigest} data-testid="audit-head">{result.head.hash}</code></p>
            <p className="subtle">
              A hash chain cannot show entries cut from its very end. Note this hash somewhere else (for example in a meeting&apos;s minutes); checking it
              here later proves that nothing recorded up to now has been removed.
            </p>
          </>
        ) : (
          <p className="subtle">The log is empty.</p>
        )}
        <form className="row" method="get" style={{ alignItems: "flex-end" }}>
          <div className="field" style={{ flex: 1, minWidth: 260 }}>
            <label htmlFor="anchor">Hash you noted earlier</label>
            <input className="input" id="anchor" name="anchor" defaultValue={anchor ?? ""} pattern="[0-9a-fA-F]{64}" autoComplete="off" spellCheck={false} aria-describedby="anchor-hint" />
            <span className="field__hint" id="anchor-hint">64 hexadecimal characters.</span>
          </div>
          <button className="button" type="submit">Check</button>
        </form>
      </section>
    </>
  );
}
