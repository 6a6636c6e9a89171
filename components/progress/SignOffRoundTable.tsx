import Link from "next/link";
import type { LatestRound } from "@/lib/progress/find-progress";
import { EconomyBadge } from "@/components/ui/EconomyBadge";
import { formatDate, formatDateTime } from "@/components/ui/dates";
import { PositionBadge } from "@/components/signoff/PositionBadge";
import { Digest } from "@/components/versions/Digest";
import { versionLabel } from "@/components/versions/version-label";
import styles from "./progress.module.css";

/**
 * The latest sign-off round of the MoU: one row per economy with its position, who recorded it and
 * when, its reservation or reason, and the digest of the text it signed. The full history of every
 * round lives on the document's sign-off page (components/signoff/SignOffMatrix).
 */
export function SignOffRoundTable({ round, documentId, isCompact = false }: { round: LatestRound; documentId: string; isCompact?: boolean }) {
  return (
    <table className={`table ${styles.table}`} data-testid="latest-round">
      <caption className={styles.caption}>
        Round {round.number} on{" "}
        <Link href={`/documents/${documentId}/versions/${round.version.id}`}>{versionLabel(round.version)}</Link>,{" "}
        {round.status === "OPEN" ? `open since ${formatDateTime(round.openedAt)}` : `closed ${formatDateTime(round.closedAt ?? round.openedAt)}`}
        {isCompact ? null : <> · <Digest value={round.version.digest} /></>}
      </caption>
      <thead>
        <tr>
          <th scope="col">Economy</th>
          <th scope="col">Position</th>
          <th scope="col">Recorded</th>
          <th scope="col">Reservation or reason</th>
          {isCompact ? null : <th scope="col">Text signed</th>}
        </tr>
      </thead>
      <tbody>
        {round.positions.map(({ organisationCode, signOff }) => (
          <tr key={organisationCode} data-economy={organisationCode} data-position={signOff?.position ?? "NONE"}>
            <th scope="row"><EconomyBadge code={organisationCode} /></th>
            <td>{signOff ? <PositionBadge position={signOff.position} /> : <span className={styles.none}>{round.status === "OPEN" ? "No position yet" : "No position recorded"}</span>}</td>
            <td className={styles.who}>
              {signOff && (
                <>
                  {signOff.recordedBy.name}
                  {isCompact ? ", " : <br />}
                  <time dateTime={signOff.recordedAt.toISOString()}>{isCompact ? formatDate(signOff.recordedAt) : formatDateTime(signOff.recordedAt)}</time>
                  {signOff.onBehalfReason && <span className={styles.onBehalf}> · for the economy, by the secretariat</span>}
                </>
              )}
            </td>
            <td className={styles.reservation}>{signOff?.reservation ?? signOff?.reason ?? ""}</td>
            {isCompact ? null : <td>{signOff && <Digest value={signOff.versionDigest} />}</td>}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
