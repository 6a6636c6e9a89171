"use client";

import { useActionState } from "react";
import { IDLE, type ActionState } from "@/lib/action-state";
import { FormError } from "@/components/ui/FormError";
import { formatDateTime } from "@/components/ui/dates";
import styles from "@/components/notifications/notifications.module.css";

export type NotificationItem = { id: string; title: string; body: string; createdAt: Date; readAt: Date | null };

/** The person's notifications; choosing one marks it read and opens the place it is about. */
export function NotificationList({ items, openAction }: { items: NotificationItem[]; openAction: (state: ActionState, form: FormData) => Promise<ActionState> }) {
  const [state, formAction] = useActionState(openAction, IDLE);
  return (
    <>
    <FormError state={state} />
    <ul className={styles.list} data-testid="notification-list">
      {items.map((item) => (
        <li key={item.id} className={`${styles.item} ${item.readAt ? "" : styles.unread}`}>
          <form action={formAction}>
            <input type="hidden" name="notificationId" value={item.id} />
            <button type="submit" className={styles.itemButton}>
              <span className={styles.dot} aria-hidden="true" />
              <span>
                <span className={styles.title}>
                  {item.readAt ? null : <span className="visually-hidden">Unread: </span>}
                  {item.title}
                </span>
                <span className={styles.body}>{item.body.length > 280 ? `${item.body.slice(0, 279)}…` : item.body}</span>
                <span className={styles.meta}>{formatDateTime(item.createdAt)}</span>
              </span>
            </button>
          </form>
        </li>
      ))}
    </ul>
    </>
  );
}
