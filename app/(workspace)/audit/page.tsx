import type { Metadata } from "next";
import { requireActorForPage } from "@/lib/auth/current";
import { findAuditChainHead, formatAuditAnchor, parseAuditAnchor } from "@/lib/audit/chain-head";
import { findAuditEntries } from "@/lib/audit/find-entries";
import { verifyAuditLog } from "@/lib/audit/verify";
import { AuditEntriesTable } from "@/components/audit/AuditEntriesTable";
import { AuditFilters } from "@/components/audit/AuditFilters";
import { AuditVerdict } from "@/components/audit/AuditVerdict";
import { CopyButton } from "@/components/audit/CopyButton";
import styles from "@/components/audit/audit.module.css";
import { PageHeader } from "@/components/ui/PageHeader";
import { formatDateTime } from "@/components/ui/dates";

export const metadata: Metadata = { title: "Audit log" };

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireActorForPage();
  const search = await searchParams;
  const anchorText = first(search.anchor)?.trim() || undefined;
  const anchor = anchorText ? parseAuditAnchor(anchorText) : null;
  const [result, head, page] = await Promise.all([
    verifyAuditLog({ actor, anchor: anchor ?? undefined }),
    findAuditChainHead(),
    findAuditEntries({ actor, kind: first(search.kind), organisationCode: first(search.organisationCode), page: first(search.page) }),
  ]);

  return (
    <>
      <PageHeader
        eyebrow="Working group"
        title="Audit log"
        description="Every change in Accord is appended to a log in which each entry includes the previous entry's hash, and every sign-off position and version is bound to the entry that recorded it. Altering, deleting or inserting any of them is detected."
      />
      <AuditVerdict result={result} anchor={anchor ?? undefined} checkedAt={new Date()} />

      <section className="card" aria-labelledby="head-heading">
        <h2 id="head-heading">Chain head</h2>
        {head ? (
          <>
            <div className={styles.head}>
              <code className={styles.anchor} data-testid="audit-head">{formatAuditAnchor(head)}</code>
              <CopyButton value={formatAuditAnchor(head)} label="chain head" />
            </div>
            <p className="subtle">
              {head.entryCount} {head.entryCount === 1 ? "entry" : "entries"}; the newest is #{head.id}, {formatDateTime(head.at)}. A hash chain cannot show entries cut from
              its end, nor a chain recomputed from start to end. Keep this head somewhere else (the progress brief and exported annexes print it): checking it here or
              with <code>npm run audit:verify -- --anchor {"<head>"}</code> later tells whether the chain was cut short or rewritten.
            </p>
          </>
        ) : (
          <p className="subtle">The log is empty.</p>
        )}
        <form className={styles.anchorForm} method="get">
          <div className="field">
            <label htmlFor="anchor">Chain head you noted earlier</label>
            <input
              className="input"
              id="anchor"
              name="anchor"
              defaultValue={anchorText ?? ""}
              pattern="\s*(\d+\s*:\s*)?[0-9a-fA-F]{64}\s*"
              autoComplete="off"
              spellCheck={false}
              aria-describedby="anchor-hint"
              aria-invalid={anchorText !== undefined && anchor === null}
            />
            {anchorText !== undefined && anchor === null ? (
              <span className="field__error" id="anchor-hint">Paste the head as shown above: the entry count, a colon and 64 hexadecimal characters.</span>
            ) : (
              <span className="field__hint" id="anchor-hint">The entry count, a colon and the 64-character hash, as shown above.</span>
            )}
          </div>
          <button className="button" type="submit">Check</button>
        </form>
      </section>

      <section className="card" aria-labelledby="entries" id="entries-section">
        <h2 id="entries">Entries</h2>
        <AuditFilters filter={page.filter} />
        <AuditEntriesTable page={page} />
      </section>
    </>
  );
}
