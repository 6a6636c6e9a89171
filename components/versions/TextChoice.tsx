import Link from "next/link";
import { EconomyBadge } from "@/components/ui/EconomyBadge";
import type { EconomySuggestionCount, VersionTextKind } from "@/lib/versions/version-text";
import styles from "./versions.module.css";

/**
 * Chooses between a version's clean text and the text with the open suggestions it kept. Two links
 * rather than a client-side switch, so it works without JavaScript and a reading can be shared.
 */
export function TextChoice({ versionHref, shown, openSuggestions }: {
  versionHref: string;
  shown: VersionTextKind;
  openSuggestions: EconomySuggestionCount[] | null;
}) {
  if (openSuggestions === null || openSuggestions.length === 0) {
    return (
      <p className={styles.textChoice} data-testid="text-choice">
        {openSuggestions === null
          ? "This version was saved before Accord kept open suggestions with versions: only its clean text is stored, which is what the digest covers."
          : "No suggestions were open when this version was saved: the text below is the clean text the digest covers."}
      </p>
    );
  }
  const total = openSuggestions.reduce((sum, economy) => sum + economy.count, 0);
  return (
    <section className={styles.textChoice} aria-labelledby="text-choice-heading" data-testid="text-choice">
      <h2 id="text-choice-heading" className="visually-hidden">Text shown</h2>
      <nav className={styles.viewSwitch} aria-label="Text shown">
        <Link href={versionHref} aria-current={shown === "clean" ? "true" : undefined}>Clean text</Link>
        <Link href={`${versionHref}?text=suggestions`} aria-current={shown === "suggestions" ? "true" : undefined}>
          With open suggestions ({total})
        </Link>
      </nav>
      {shown === "clean" ? (
        <p className={styles.textChoiceNote}>
          Open suggestions left out: proposed insertions dropped, proposed deletions kept. This is the text the digest covers.
        </p>
      ) : (
        <div className={styles.textChoiceNote}>
          <p>
            {total === 1 ? "The suggestion that was open" : `The ${total} suggestions that were open`} when this version was saved, in the proposing
            economy&apos;s colour with its code in front: <ins className={styles.sampleInsertion}>underlined</ins> is a proposed insertion,{" "}
            <del className={styles.sampleDeletion}>struck through</del> a proposed deletion. The digest covers the clean text, without them.
          </p>
          <ul className={styles.economyCounts} aria-label="Open suggestions per economy">
            {openSuggestions.map((economy) => (
              <li key={economy.organisationCode}>
                <EconomyBadge code={economy.organisationCode} /> {economy.count}
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
