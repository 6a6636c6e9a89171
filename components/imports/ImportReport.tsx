import styles from "@/components/imports/imports.module.css";
import type { ImportNotice, ImportSummary } from "@/components/imports/word-upload";

/** What a Word file holds and what Accord cannot keep of it, shown before anything is stored. */
export function ImportReport({ summary, notices }: { summary: ImportSummary; notices: ImportNotice[] }) {
  return (
    <>
      <dl className={styles.summary}>
        <div><dt>Articles</dt><dd>{summary.articles}</dd></div>
        <div><dt>Numbered paragraphs</dt><dd>{summary.numberedParagraphs}</dd></div>
        <div><dt>Notes</dt><dd>{summary.notes}</dd></div>
        <div><dt>Tables</dt><dd>{summary.tables}</dd></div>
        <div><dt>Lists</dt><dd>{summary.lists}</dd></div>
        <div><dt>Characters</dt><dd>{summary.characters.toLocaleString("en")}</dd></div>
      </dl>
      {notices.length === 0 ? (
        <p className="alert alert--success">Everything in the file has a place in Accord.</p>
      ) : (
        <div className="alert alert--info">
          <p className={styles.noticeHeading}>What Accord cannot keep as it was:</p>
          <ul className={styles.notices}>
            {notices.map((notice) => (
              <li key={notice.kind}>{notice.message}</li>
            ))}
          </ul>
        </div>
      )}
    </>
  );
}
