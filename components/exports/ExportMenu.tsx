import styles from "@/components/exports/exports.module.css";
import type { EconomySuggestionCount } from "@/lib/versions/version-text";

/**
 * "Download" menu of a version or the live text: Word (clean, with comments, with tracked changes),
 * the signable PDF and the comment-resolution table. Plain links, so it works without JavaScript
 * and a browser's own download handling applies; everyone who can read the text may download it.
 * `keptSuggestions`, where the page knows it, are the open suggestions a version kept per economy (null:
 * saved before Accord kept them, so "with tracked changes" would only repeat "with comments" and is not offered).
 */
export function ExportMenu({ documentId, versionId, label = "Download", keptSuggestions }: { documentId: string; versionId: string | "live"; label?: string; keptSuggestions?: EconomySuggestionCount[] | null }) {
  const base = `/api/documents/${documentId}/versions/${versionId}/export`;
  const trackedChanges = { href: `${base}?format=docx&variant=changes`, title: "Word with tracked changes", hint: trackedChangesHint(keptSuggestions) };
  const items: { href: string; title: string; hint: string }[] = [
    { href: `${base}?format=pdf`, title: "PDF with sign-off annex", hint: "Signable text, positions, digest" },
    { href: `${base}?format=docx`, title: "Word (.docx)", hint: "Clean text, numbered as here" },
    { href: `${base}?format=docx&variant=comments`, title: "Word with comments", hint: "Comments as Word comments" },
    ...(keptSuggestions === null ? [] : [trackedChanges]),
    { href: `${base}?format=resolution-docx`, title: "Comment-resolution table (.docx)", hint: "Article by article" },
    { href: `${base}?format=resolution-csv`, title: "Comment-resolution table (.csv)", hint: "For spreadsheets" },
  ];
  return (
    <details className={styles.menu}>
      <summary className="button">{label}</summary>
      <ul className={styles.list} aria-label={label}>
        {items.map((item) => (
          <li key={item.href}>
            <a className={styles.item} href={item.href} download>
              <span className={styles.title}>{item.title}</span>
              <span className={styles.hint}>{item.hint}</span>
            </a>
          </li>
        ))}
      </ul>
    </details>
  );
}

function trackedChangesHint(keptSuggestions: EconomySuggestionCount[] | null | undefined): string {
  if (!keptSuggestions) return "Suggestions as tracked changes, and comments";
  const count = keptSuggestions.reduce((total, economy) => total + economy.count, 0);
  if (count === 0) return "No open suggestions in this version; comments";
  return `${count} open suggestion${count === 1 ? "" : "s"} as tracked changes, and comments`;
}
