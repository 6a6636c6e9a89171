import Link from "next/link";
import type { ActionState } from "@/lib/action-state";
import type { MeetingDetail } from "@/lib/meetings/get-meeting";
import type { MeetingChoices } from "@/lib/meetings/find-choices";
import { EmptyState } from "@/components/ui/EmptyState";
import { Digest } from "@/components/versions/Digest";
import { formatDateTime } from "@/components/ui/dates";
import { ActionButton } from "@/components/meetings/ActionButton";
import { ActionItemsTable } from "@/components/meetings/ActionItemsTable";
import { ActionItemForm, DecisionForm } from "@/components/meetings/OutcomeForms";
import { MINUTES_LABEL } from "@/components/meetings/labels";
import styles from "@/components/meetings/meetings.module.css";

type FormAction = (state: ActionState, form: FormData) => Promise<ActionState>;

const STEPS = ["DRAFT", "CIRCULATED", "APPROVED"] as const;

/** The minutes: their text (a co-edited document), their state, decisions and action items. */
export function MinutesSection({ meeting, choices, actions }: {
  meeting: MeetingDetail;
  choices: MeetingChoices;
  actions: Record<"start" | "circulate" | "approve" | "addDecision" | "removeDecision" | "addActionItem" | "removeActionItem" | "setActionItemStatus", FormAction>;
}) {
  const { abilities } = meeting;
  const hasMinutes = Boolean(meeting.minutesDocumentId);
  const currentStep = STEPS.indexOf(meeting.minutesStatus);
  const isApproved = meeting.minutesStatus === "APPROVED";
  return (
    <section className="card" aria-labelledby="minutes-heading" data-testid="minutes">
      <div className="card__title">
        <h2 id="minutes-heading">Minutes</h2>
        <span className={`badge ${isApproved ? "badge--success" : meeting.minutesStatus === "CIRCULATED" ? "badge--info" : ""}`} data-testid="minutes-status">
          {MINUTES_LABEL[meeting.minutesStatus]}
        </span>
      </div>
      {hasMinutes && (
        <ol className={styles.steps} aria-label="Minutes progress">
          {STEPS.map((step, index) => (
            <li key={step} className={styles.step} data-state={index < currentStep || isApproved ? "done" : index === currentStep ? "current" : "todo"} aria-current={index === currentStep ? "step" : undefined}>
              {index + 1}. {MINUTES_LABEL[step]}
            </li>
          ))}
        </ol>
      )}
      <div className={styles.minutesStatus}>
        {hasMinutes ? (
          <div className="stack" style={{ gap: 2 }}>
            <Link href={`/documents/${meeting.minutesDocumentId}`} data-testid="open-minutes" style={{ fontWeight: 600 }}>
              {isApproved || !abilities.canEditMinutes ? "Read the minutes" : "Open the minutes to edit them together"}
            </Link>
            {isApproved ? (
              <span className="subtle" data-testid="minutes-approval">
                Approved by {meeting.minutesApprovedBy?.name ?? "the secretariat"}
                {meeting.minutesApprovedAt ? ` on ${formatDateTime(meeting.minutesApprovedAt)}` : ""}. The minutes are read-only.
                {meeting.minutesApprovedDigest ? (
                  <span data-testid="minutes-digest">
                    {" "}Approved text: <Digest value={meeting.minutesApprovedDigest} />
                  </span>
                ) : null}
              </span>
            ) : meeting.minutesStatus === "CIRCULATED" ? (
              <span className="subtle">Circulated for comments. Comment in the text; the secretariat approves when the comments are settled.</span>
            ) : (
              <span className="subtle">Draft: delegations and the secretariat write the minutes together.</span>
            )}
          </div>
        ) : (
          <span className="muted">{abilities.canStartMinutes ? "The minutes start from the agenda: one section per item." : "The secretariat has not started the minutes yet."}</span>
        )}
        <div className="row" style={{ gap: 8 }}>
          {abilities.canStartMinutes && <ActionButton action={actions.start} fields={{ meetingId: meeting.id }} label="Start the minutes" pendingLabel="Starting…" variant="primary" />}
          {/* The lifecycle's next step is the primary action: circulate a draft, then approve. */}
          {abilities.canCirculateMinutes && <ActionButton action={actions.circulate} fields={{ meetingId: meeting.id }} label="Circulate for comments" pendingLabel="Circulating…" variant="primary" />}
          {abilities.canApproveMinutes && (
            <ActionButton
              action={actions.approve}
              fields={{ meetingId: meeting.id }}
              label="Approve the minutes"
              pendingLabel="Approving…"
              variant="primary"
              confirmation="Approve the minutes? They become read-only for everyone, including the secretariat."
            />
          )}
        </div>
        {abilities.minutesApprovalHold && (
          <p className={`subtle ${styles.approvalHold}`} data-testid="minutes-approval-hold">
            Approval is not offered yet: {lowerFirst(abilities.minutesApprovalHold)}
          </p>
        )}
      </div>

      <div className={styles.sectionHeading}>
        <h3 id="decisions-heading">Decisions</h3>
      </div>
      {meeting.decisions.length ? (
        <ol className={styles.decisions} aria-labelledby="decisions-heading" data-testid="decisions">
          {meeting.decisions.map((decision) => (
            <li key={decision.id}>
              <div className={styles.decisionRow}>
                <span>{decision.text}</span>
                {abilities.canEditMinutes && (
                  <ActionButton action={actions.removeDecision} fields={{ decisionId: decision.id }} label="Remove" pendingLabel="Removing…" variant="ghost" confirmation="Remove this decision?" />
                )}
              </div>
            </li>
          ))}
        </ol>
      ) : (
        <p className="subtle">No decisions recorded.</p>
      )}
      {abilities.canEditMinutes && (
        <details className={styles.addForm}>
          <summary>Record a decision</summary>
          <DecisionForm meetingId={meeting.id} action={actions.addDecision} />
        </details>
      )}

      <div className={styles.sectionHeading}>
        <h3>Action items</h3>
        <Link className="subtle" href="/meetings/action-items">All open action items</Link>
      </div>
      {meeting.actionItems.length ? (
        <ActionItemsTable items={meeting.actionItems} setStatusAction={actions.setActionItemStatus} removeAction={actions.removeActionItem} canRemove={abilities.canEditMinutes} />
      ) : (
        <EmptyState title="No action items">
          <p>{abilities.canEditMinutes ? "Record what was agreed to be done, by whom and by when." : "Action items agreed at the meeting will appear here."}</p>
        </EmptyState>
      )}
      {abilities.canEditMinutes && (
        <details className={styles.addForm}>
          <summary>Record an action item</summary>
          <ActionItemForm meetingId={meeting.id} action={actions.addActionItem} choices={choices} />
        </details>
      )}
    </section>
  );
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
