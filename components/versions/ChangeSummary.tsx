import type { TextComparison } from "@/lib/versions/compare-texts";
import styles from "./versions.module.css";

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? "" : "s"}`;

/** Which articles changed and by how many words, each linking to its first change below. */
export function ChangeSummary({ comparison, isSameDigest }: { comparison: TextComparison; isSameDigest: boolean }) {
  if (isSameDigest) {
    return (
      <div className="alert alert--success" role="status" data-testid="change-summary">
        The two texts are identical: same words, same formatting, same digest.
      </div>
    );
  }
  if (comparison.isIdentical) {
    return (
      <div className="alert alert--info" role="status" data-testid="change-summary">
        Every paragraph reads the same, but the digests differ: the change is in the document&apos;s structure (for example how lists or tables are
        arranged), not in its words.
      </div>
    );
  }
  const firstChange = new Map<string | null, number>();
  comparison.rows.forEach((row, index) => {
    if (row.change !== "same" && !firstChange.has(row.article)) firstChange.set(row.article, index);
  });
  return (
    <div data-testid="change-summary">
      <p>
        <strong>{plural(comparison.wordsAdded, "word")} inserted</strong> and <strong>{plural(comparison.wordsRemoved, "word")} deleted</strong> in{" "}
        {plural(comparison.articles.length, "part")} of the text:
      </p>
      <ul className={styles.summaryList} aria-label="Changed articles">
        {comparison.articles.map((entry) => (
          <li key={entry.article ?? ""} data-article={entry.article ?? ""}>
            <a href={`#change-${firstChange.get(entry.article)}`}>{entry.article ?? "Title and opening text"}</a>
            <span className={styles.counts}>
              <span className={styles.countAdded} aria-label={`${plural(entry.wordsAdded, "word")} inserted`}>+{entry.wordsAdded}</span>
              <span className={styles.countRemoved} aria-label={`${plural(entry.wordsRemoved, "word")} deleted`}>−{entry.wordsRemoved}</span>
              <span className="subtle">{plural(entry.blocksChanged, "paragraph")}</span>
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}
