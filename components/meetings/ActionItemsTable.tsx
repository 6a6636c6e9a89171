import Link from "next/link";
import type { ActionState } from "@/lib/action-state";
import { EconomyBadge } from "@/components/ui/EconomyBadge";
import { ActionButton } from "@/components/meetings/ActionButton";
import { formatDueDate } from "@/components/meetings/labels";
import styles from "@/components/meetings/meetings.module.css";

export type ActionItemView = {
  id: string;
  text: string;
  dueDate: Date | null;
  status: "OPEN" | "DONE";
  doneAt: Date | null;
  ownerOrganisationCode: string | null;
  ownerUser: { name: string; organisationCode: string } | null;
  doneBy: { name: string } | null;
  isOverdue: boolean;
  canComplete: boolean;
  meeting?: { id: string; title: string };
};

/** Action items with owner, due date and status; owners (and the secretariat) mark them done here. */
export function ActionItemsTable({ items, setStatusAction, removeAction, canRemove = false }: {
  items: ActionItemView[];
  setStatusAction: (state: ActionState, form: FormData) => Promise<ActionState>;
  removeAction?: (state: ActionState, form: FormData) => Promise<ActionState>;
  canRemove?: boolean;
}) {
  const isMeetingShown = items.some((item) => item.meeting);
  return (
    <div className={styles.tableWrap}>
      <table className="table" data-testid="action-items">
        <thead>
          <tr>
            <th scope="col" className={styles.actionColumn}>Action</th>
            <th scope="col">Owner</th>
            <th scope="col">Due</th>
            <th scope="col">Status</th>
            <th scope="col"><span className="visually-hidden">Change</span></th>
          </tr>
        </thead>
        <tbody>
          {items.map((item) => (
            <tr key={item.id} className={item.isOverdue ? styles.overdueRow : undefined} data-testid="action-item" data-action-item={item.id}>
              <td>
                <div className={item.status === "DONE" ? styles.doneText : styles.actionText}>{item.text}</div>
                {isMeetingShown && item.meeting && (
                  <Link className="subtle" href={`/meetings/${item.meeting.id}`}>{item.meeting.title}</Link>
                )}
              </td>
              <td>
                <div className={styles.owner}>
                  {item.ownerOrganisationCode && <EconomyBadge code={item.ownerOrganisationCode} />}
                  {item.ownerUser && (
                    <span className="row" style={{ gap: 6 }}>
                      {item.ownerUser.name} <EconomyBadge code={item.ownerUser.organisationCode} isShort />
                    </span>
                  )}
                </div>
              </td>
              <td style={{ whiteSpace: "nowrap" }}>
                {item.dueDate ? formatDueDate(item.dueDate) : <span className="subtle">No date</span>}
              </td>
              <td>
                {item.status === "DONE" ? (
                  <span className={styles.owner}>
                    <span className="badge badge--success">Done</span>
                    {item.doneBy && <span className="subtle">by {item.doneBy.name}</span>}
                  </span>
                ) : item.isOverdue ? (
                  <span className="badge badge--danger">Overdue</span>
                ) : (
                  <span className="badge">Open</span>
                )}
              </td>
              <td>
                <div className="row" style={{ gap: 6, flexWrap: "nowrap" }}>
                  {item.canComplete && (
                    <ActionButton
                      action={setStatusAction}
                      fields={{ actionItemId: item.id, status: item.status === "OPEN" ? "DONE" : "OPEN" }}
                      label={item.status === "OPEN" ? "Mark done" : "Reopen"}
                      pendingLabel="Saving…"
                      variant={item.status === "OPEN" ? "primary" : ""}
                    />
                  )}
                  {canRemove && removeAction && (
                    <ActionButton
                      action={removeAction}
                      fields={{ actionItemId: item.id }}
                      label="Remove"
                      pendingLabel="Removing…"
                      variant="ghost"
                      confirmation="Remove this action item from the minutes?"
                    />
                  )}
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
