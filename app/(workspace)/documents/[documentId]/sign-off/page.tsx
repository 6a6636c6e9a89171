import type { Metadata } from "next";
import Link from "next/link";
import { requireActorForPage } from "@/lib/auth/current";
import { orNotFound } from "@/lib/not-found";
import { ECONOMY_CODES, getOrganisation, isEconomy } from "@/lib/organisations/catalogue";
import { can } from "@/lib/policy";
import { findSignOffMatrix } from "@/lib/signoff/find-matrix";
import { findVersions } from "@/lib/versions/find-versions";
import { PageHeader } from "@/components/ui/PageHeader";
import { ExportMenu } from "@/components/exports/ExportMenu";
import { EconomyBadge } from "@/components/ui/EconomyBadge";
import { EmptyState } from "@/components/ui/EmptyState";
import { formatDateTime } from "@/components/ui/dates";
import { versionLabel } from "@/components/versions/version-label";
import { OpenRoundForm } from "@/components/signoff/OpenRoundForm";
import { PositionBadge } from "@/components/signoff/PositionBadge";
import { RecordPositionForm } from "@/components/signoff/RecordPositionForm";
import { RoundStatusButton } from "@/components/signoff/RoundStatusButton";
import { RoundSummary } from "@/components/signoff/RoundSummary";
import { SignOffMatrix } from "@/components/signoff/SignOffMatrix";
import styles from "@/components/signoff/signoff.module.css";
import { closeRoundAction, openRoundAction, recordSignOffAction, reopenRoundAction } from "./actions";

export const metadata: Metadata = { title: "Sign-off" };

export default async function SignOffPage({ params }: { params: Promise<{ documentId: string }> }) {
  const actor = await requireActorForPage();
  const { documentId } = await params;
  const [{ document, versions }, matrix] = await orNotFound(Promise.all([findVersions({ actor, documentId }), findSignOffMatrix({ actor, documentId })]));
  const base = `/documents/${documentId}`;
  const openRound = matrix.rounds.find((round) => round.status === "OPEN") ?? null;
  const canOpenRound = !openRound && can(actor, "round.open", document.target);
  const signableVersions = versions.filter((version) => !version.isCheckpoint);
  const canRecordOwn = openRound !== null && can(actor, "signOff.record", { round: openRound, organisationCode: actor.organisationCode });
  const canRecordOnBehalf = openRound !== null && can(actor, "signOff.recordOnBehalf", { round: openRound, organisationCode: ECONOMY_CODES[0] });
  const ownCell = openRound && isEconomy(actor.organisationCode) ? openRound.cells[actor.organisationCode] : null;

  const closeButton =
    openRound && can(actor, "round.close", openRound) ? (
      <RoundStatusButton roundId={openRound.id} roundNumber={openRound.number} isOpen action={closeRoundAction} />
    ) : undefined;
  // A closed round can be reopened only while no other round is open.
  const roundActions = Object.fromEntries(
    matrix.rounds
      .filter((round) => !openRound && can(actor, "round.reopen", round))
      .map((round) => [round.id, <RoundStatusButton key={round.id} roundId={round.id} roundNumber={round.number} isOpen={false} action={reopenRoundAction} />]),
  );

  return (
    <>
      <PageHeader
        eyebrow={document.title}
        title="Sign-off"
        description="Each economy's position, bound to one frozen version of the text and its SHA-256 digest."
        actions={matrix.rounds.length > 0 ? <ExportMenu documentId={documentId} versionId={matrix.rounds.at(-1)!.version.id} label={`Download version ${matrix.rounds.at(-1)!.version.number}`} /> : undefined}
      />

      {openRound && (
        <div className={canRecordOwn || canRecordOnBehalf ? styles.layout : undefined} style={{ marginBottom: "var(--space-4)" }}>
          {(canRecordOwn || canRecordOnBehalf) && (
            <div className={styles.stackedCards}>
              {canRecordOwn && (
                <section className="card" aria-labelledby="own-heading" data-testid="record-own">
                  <h2 id="own-heading">Position of {getOrganisation(actor.organisationCode).shortName} in round {openRound.number}</h2>
                  <p>
                    On <Link href={`${base}/versions/${openRound.version.id}`}>{versionLabel(openRound.version)}</Link>. Your position applies to this exact
                    text only, and you can change it while the round is open.
                  </p>
                  {ownCell && (
                    <p className={styles.current}>
                      Current position: <PositionBadge position={ownCell.position} />
                      <span className="subtle">recorded by {ownCell.recordedBy.name}, {formatDateTime(ownCell.recordedAt)}</span>
                    </p>
                  )}
                  <RecordPositionForm roundId={openRound.id} current={ownCell} submitLabel={ownCell ? "Change position" : "Record position"} action={recordSignOffAction} />
                </section>
              )}
              {canRecordOnBehalf && (
                <section className="card" aria-labelledby="behalf-heading" data-testid="record-on-behalf">
                  <h2 id="behalf-heading">Record on an economy&apos;s behalf</h2>
                  <p className="subtle">
                    Only when a delegate cannot record it themselves, for example after confirming by e-mail. The matrix shows that the secretariat recorded
                    it, and why.
                  </p>
                  <RecordPositionForm
                    roundId={openRound.id}
                    economies={ECONOMY_CODES.map((code) => ({ code, name: getOrganisation(code).name }))}
                    submitLabel="Record on behalf"
                    action={recordSignOffAction}
                  />
                </section>
              )}
            </div>
          )}
          <RoundSummary round={openRound} documentId={documentId} economies={matrix.economies} actions={closeButton} />
        </div>
      )}

      {canOpenRound && (
        <section className="card" aria-labelledby="open-heading" style={{ marginBottom: "var(--space-4)" }}>
          <h2 id="open-heading">Open a sign-off round</h2>
          {signableVersions.length === 0 ? (
            <EmptyState title="No version to sign off yet">
              <p><Link href={`${base}/versions`}>Save a version</Link> of the text first; rounds are opened on saved versions, never on the live text.</p>
            </EmptyState>
          ) : (
            <OpenRoundForm
              documentId={documentId}
              versions={signableVersions.map((version) => ({ id: version.id, label: versionLabel(version) }))}
              action={openRoundAction}
            />
          )}
        </section>
      )}

      <section className="card" aria-labelledby="matrix-heading">
        <div className="card__title">
          <h2 id="matrix-heading">Sign-off matrix</h2>
          {actor.role === "OBSERVER" && (
            <span className="row subtle" style={{ gap: 6 }}>
              You follow as observer <EconomyBadge code={actor.organisationCode} isShort />
            </span>
          )}
        </div>
        <SignOffMatrix matrix={matrix} roundActions={roundActions} />
        <p className="subtle">
          Every recorded position, and every change to one, is kept in the hash-chained <Link href="/audit">audit log</Link>.
        </p>
      </section>
    </>
  );
}
