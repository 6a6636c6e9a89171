import type { CSSProperties } from "react";
import { ORGANISATIONS } from "@/lib/organisations/catalogue";
import type { AcceptedSuggestion, ChangeAttribution } from "@/lib/versions/attribute-changes";
import type { ChangeProposers } from "@/lib/versions/compare-versions";
import { formatDateTime } from "@/components/ui/dates";
import styles from "./versions.module.css";

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? "" : "s"}`;

function economyName(code: string): string {
  return ORGANISATIONS.find((organisation) => organisation.code === code)?.shortName ?? code;
}

// Codes are checked so that nothing but a known shape reaches the style.
const colourOf = (code: string) => ({ "--economy-colour": /^[A-Z]{2,6}$/.test(code) ? `var(--economy-${code})` : undefined }) as CSSProperties;

/** What a changed passage's title says of where it came from, when it was not an accepted suggestion. */
export function attributionTitle(attribution: ChangeAttribution | null): string | undefined {
  if (attribution?.kind === "direct") return "Edited directly: not from a suggestion accepted between these texts";
  if (attribution?.kind === "unknown") return "Who proposed this cannot be told: an accepted suggestion's words fit more than one change";
  return undefined;
}

/** The economies whose accepted suggestions a changed passage came from, after the passage: code in colour, name for screen readers and on hover. */
export function ProposerChips({ attribution }: { attribution: ChangeAttribution | null }) {
  if (attribution?.kind !== "suggestion") return null;
  const byEconomy = new Map<string, AcceptedSuggestion[]>();
  for (const suggestion of attribution.suggestions) byEconomy.set(suggestion.organisationCode, [...(byEconomy.get(suggestion.organisationCode) ?? []), suggestion]);
  return (
    <>
      {[...byEconomy].map(([code, suggestions]) => {
        const people = [...new Set(suggestions.map((suggestion) => suggestion.authorName))].join(", ");
        const decided = suggestions.map((suggestion) => formatDateTime(suggestion.decidedAt)).join(", ");
        const partly = attribution.isPartial ? "Partly proposed" : "Proposed";
        return (
          <span
            key={code}
            className={styles.proposer}
            style={colourOf(code)}
            data-proposer={code}
            title={`${partly} by ${people} (${economyName(code)}) in a suggestion accepted ${decided}${attribution.isPartial ? "; the other words were edited directly" : ""}`}
          >
            <span className={styles.proposerSwatch} aria-hidden="true" />
            <span aria-hidden="true">{code}{attribution.isPartial ? " in part" : ""}</span>
            <span className="visually-hidden">{`${partly.toLowerCase()} by ${economyName(code)}`}</span>
          </span>
        );
      })}
    </>
  );
}

/** The legend's entry for the economy codes after changes, with the first proposer's code as the example. */
export function ProposerLegend({ proposers }: { proposers: ChangeProposers }) {
  const example = proposers?.suggestions[0]?.organisationCode;
  if (!example) return null;
  return (
    <span>
      <span className={styles.proposer} style={colourOf(example)} aria-hidden="true">
        <span className={styles.proposerSwatch} />
        {example}
      </span>{" "}
      after a change: proposed by that economy in an accepted suggestion
    </span>
  );
}

/** Which economies' suggestions were accepted between the two texts, above the differences. */
export function ProposerSummary({ proposers }: { proposers: ChangeProposers }) {
  if (proposers === null) {
    return (
      <p className={styles.proposers} data-testid="proposers">
        The newer text is on the left: who proposed each change is shown when an older text is compared with a newer one.
      </p>
    );
  }
  if (proposers.suggestions.length === 0) {
    return (
      <p className={styles.proposers} data-testid="proposers">
        No suggestion was accepted between these two texts: their differences were edited directly.
      </p>
    );
  }
  const counts = new Map<string, number>();
  for (const suggestion of proposers.suggestions) counts.set(suggestion.organisationCode, (counts.get(suggestion.organisationCode) ?? 0) + 1);
  return (
    <div className={styles.proposers} data-testid="proposers">
      <p>
        <strong>Accepted suggestions between these texts</strong>, by the economy that proposed them. Each change that came from one carries
        that economy&apos;s code; the other changes were edited directly.
      </p>
      <ul className={styles.economyCounts} aria-label="Accepted suggestions per economy">
        {[...counts].map(([code, count]) => (
          <li key={code} data-economy={code}>
            <span className={styles.proposer} style={colourOf(code)}>
              <span className={styles.proposerSwatch} aria-hidden="true" />
              {code}
            </span>{" "}
            {economyName(code)}: {plural(count, "suggestion")}
          </li>
        ))}
      </ul>
    </div>
  );
}
