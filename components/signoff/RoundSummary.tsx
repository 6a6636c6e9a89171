import Link from "next/link";
import type { ReactNode } from "react";
import type { MatrixRound } from "@/lib/signoff/find-matrix";
import { getOrganisation } from "@/lib/organisations/catalogue";
import { SIGN_OFF_POSITIONS } from "@/lib/signoff/positions";
import { formatDateTime } from "@/components/ui/dates";
import { Digest } from "@/components/versions/Digest";
import { versionLabel } from "@/components/versions/version-label";
import { PositionBadge } from "@/components/signoff/PositionBadge";
import styles from "./signoff.module.css";

/** Where the open round stands: its version, whether the text moved on, and who has answered. */
export function RoundSummary({ round, documentId, economies, actions }: { round: MatrixRound; documentId: string; economies: string[]; actions?: ReactNode }) {
  const base = `/documents/${documentId}`;
  const answered = economies.filter((code) => round.cells[code]);
  const awaiting = economies.filter((code) => !round.cells[code]);
  return (
    <section className="card" aria-labelledby="round-summary-heading" data-testid="round-summary">
      <div className="card__title">
        <h2 id="round-summary-heading">Round {round.number} is open</h2>
        {actions}
      </div>
      <dl className={styles.facts}>
        <dt>Version</dt>
        <dd>
          <Link href={`${base}/versions/${round.version.id}`}>{versionLabel(round.version)}</Link>
        </dd>
        <dt>Digest</dt>
        <dd><Digest value={round.version.digest} /></dd>
        <dt>Opened</dt>
        <dd>{formatDateTime(round.openedAt)} by {round.openedByName}</dd>
      </dl>
      {round.hasLiveTextChanged ? (
        <p className="alert alert--info">
          The live text has changed since v{round.version.number}; positions in this round apply to v{round.version.number} only.{" "}
          <Link href={`${base}/compare?from=${round.version.id}&to=live`}>See exactly what changed</Link>.
        </p>
      ) : (
        <p className="alert alert--success">The live text is still exactly v{round.version.number}.</p>
      )}
      <p>
        <strong>{answered.length} of {economies.length}</strong> economies have recorded a position.
      </p>
      <ul className={styles.tally} aria-label="Positions so far">
        {SIGN_OFF_POSITIONS.map((position) => {
          const count = answered.filter((code) => round.cells[code]?.position === position).length;
          return count > 0 ? (
            <li key={position}><PositionBadge position={position} /> <span>{count}</span></li>
          ) : null;
        })}
      </ul>
      {awaiting.length > 0 && (
        <p className="subtle">Awaiting {awaiting.map((code) => getOrganisation(code).shortName).join(", ")}.</p>
      )}
    </section>
  );
}
