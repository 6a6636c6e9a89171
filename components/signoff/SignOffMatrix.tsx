import Link from "next/link";
import type { ReactNode } from "react";
import type { MatrixRound, SignOffCell, SignOffMatrix as Matrix } from "@/lib/signoff/find-matrix";
import { POSITION_LABEL } from "@/lib/signoff/positions";
import { getOrganisation } from "@/lib/organisations/catalogue";
import { EconomyBadge } from "@/components/ui/EconomyBadge";
import { EmptyState } from "@/components/ui/EmptyState";
import { KosovoFootnote } from "@/components/ui/KosovoFootnote";
import { formatDateTime } from "@/components/ui/dates";
import { Digest } from "@/components/versions/Digest";
import { versionLabel } from "@/components/versions/version-label";
import { PositionBadge } from "@/components/signoff/PositionBadge";
import styles from "./signoff.module.css";

function When({ value }: { value: Date }) {
  return <time dateTime={value.toISOString()}>{formatDateTime(value)}</time>;
}

function RoundHeader({ round, documentId, actions }: { round: MatrixRound; documentId: string; actions?: ReactNode }) {
  const base = `/documents/${documentId}`;
  return (
    <th scope="col" className={round.status === "OPEN" ? styles.openColumn : undefined} data-round={round.id}>
      <div className={styles.roundTitle}>
        Round {round.number}
        <span className={`badge ${round.status === "OPEN" ? "badge--info" : ""}`}>{round.status === "OPEN" ? "Open" : "Closed"}</span>
      </div>
      <div className={styles.roundMeta}>
        <Link href={`${base}/versions/${round.version.id}`}>{versionLabel(round.version)}</Link>
        {round.version.digest && <Digest value={round.version.digest} />}
        <span>Opened <When value={round.openedAt} /> by {round.openedByName}</span>
        {round.closedAt && <span>Closed <When value={round.closedAt} />{round.closedByName ? ` by ${round.closedByName}` : ""}</span>}
      </div>
      {round.versionProblem && (
        <p className={styles.integrity} data-testid="version-integrity-problem">
          <strong>Fails verification.</strong> {round.versionProblem}.
        </p>
      )}
      {round.hasLiveTextChanged ? (
        <Link className={styles.changed} href={`${base}/compare?from=${round.version.id}&to=live`} data-testid="live-text-changed">
          The live text has changed since v{round.version.number}. See what changed
        </Link>
      ) : (
        <span className={styles.unchanged}>The live text is still exactly v{round.version.number}</span>
      )}
      {actions && <div className={styles.actions}>{actions}</div>}
    </th>
  );
}

function Cell({ cell, round, economyCode }: { cell: SignOffCell | null; round: MatrixRound; economyCode: string }) {
  if (!cell) {
    const deleted = round.deletedPositions[economyCode];
    return (
      <td data-economy={economyCode} data-round={round.id}>
        {deleted ? (
          <p className={styles.integrity} data-testid="position-integrity-problem">
            <strong>A recorded position is missing.</strong> {deleted}.
          </p>
        ) : (
          <span className={styles.none}>{round.status === "OPEN" ? "No position yet" : "No position recorded"}</span>
        )}
      </td>
    );
  }
  const economyName = getOrganisation(economyCode).shortName;
  return (
    <td data-economy={economyCode} data-round={round.id} data-position={cell.position} data-integrity={cell.integrityProblem ? "broken" : "intact"}>
      <div className={styles.cell}>
        {cell.integrityProblem && (
          <p className={styles.integrity} data-testid="position-integrity-problem">
            <strong>Fails verification: do not rely on what follows.</strong> {cell.integrityProblem}.
          </p>
        )}
        <span><PositionBadge position={cell.position} /></span>
        {cell.reservation && <blockquote className={styles.quote}><strong>Reservation:</strong> {cell.reservation}</blockquote>}
        {cell.reason && <blockquote className={`${styles.quote} ${styles.reason}`}><strong>Reason:</strong> {cell.reason}</blockquote>}
        <span className={styles.who}>
          {cell.recordedBy.name}, <When value={cell.recordedAt} />
        </span>
        {cell.onBehalfReason && (
          <span className={styles.onBehalf}>
            Recorded by the secretariat on behalf of {economyName}: {cell.onBehalfReason}
          </span>
        )}
        <span>
          On v{round.version.number} · <Digest value={cell.versionDigest} />
        </span>
        {!cell.isBoundToVersion && (
          <span className="badge badge--danger">Digest differs from the version&apos;s: verify this version</span>
        )}
        {cell.earlier.length > 0 && (
          <details className={styles.earlier}>
            <summary>{cell.earlier.length} earlier position{cell.earlier.length === 1 ? "" : "s"} in this round</summary>
            <ol>
              {cell.earlier.map((entry, index) => (
                <li key={index}>
                  {POSITION_LABEL[entry.position]}
                  {entry.reservation ? ` — reservation: ${entry.reservation}` : ""}
                  {entry.reason ? ` — reason: ${entry.reason}` : ""}
                  {entry.onBehalfReason ? ` — on behalf: ${entry.onBehalfReason}` : ""}
                  <span className={styles.who}> ({entry.recordedByName ?? "unknown"}, <When value={entry.recordedAt} />)</span>
                </li>
              ))}
            </ol>
          </details>
        )}
      </div>
    </td>
  );
}

/**
 * Every economy's position in every sign-off round of a document: economies down, rounds across.
 * Read-only and for every role; `roundActions` lets a page add controls under a round's heading.
 */
export function SignOffMatrix({ matrix, roundActions = {} }: { matrix: Matrix; roundActions?: Record<string, ReactNode> }) {
  if (matrix.rounds.length === 0) {
    return (
      <EmptyState title="No sign-off round yet">
        <p>When the RCC secretariat opens a round on a saved version, each economy&apos;s position will appear here.</p>
      </EmptyState>
    );
  }
  return (
    <>
      {matrix.integrityProblems.length > 0 && (
        <div className="alert alert--error" role="alert" data-testid="matrix-integrity-problems">
          <strong>
            {matrix.integrityProblems.length === 1 ? "A record" : `${matrix.integrityProblems.length} records`} of this document
            {matrix.integrityProblems.length === 1 ? " fails" : " fail"} verification against the audit log
          </strong>{" "}
          — changed in the database outside Accord. The matrix below is not the record where it is marked. The secretariat should check{" "}
          <Link href="/audit">the audit log</Link>.
          <ul className={styles.integrityList}>
            {matrix.integrityProblems.map((problem) => <li key={problem}>{problem}.</li>)}
          </ul>
        </div>
      )}
      <div className={styles.scroller}>
        <table className={styles.matrix} data-testid="sign-off-matrix">
          <caption>Positions of the six economies, bound to the version and digest of each round.</caption>
          <thead>
            <tr>
              <th scope="col">Economy</th>
              {matrix.rounds.map((round) => (
                <RoundHeader key={round.id} round={round} documentId={matrix.documentId} actions={roundActions[round.id]} />
              ))}
            </tr>
          </thead>
          <tbody>
            {matrix.economies.map((code) => (
              <tr key={code} data-economy={code}>
                <th scope="row"><EconomyBadge code={code} /></th>
                {matrix.rounds.map((round) => <Cell key={round.id} cell={round.cells[code]} round={round} economyCode={code} />)}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <KosovoFootnote />
    </>
  );
}
