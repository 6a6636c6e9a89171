import { formatDateTime } from "@/components/ui/dates";
import styles from "@/components/notifications/notifications.module.css";

type OutboxMessage = {
  id: string;
  toAddress: string;
  kind: string;
  subject: string;
  textBody: string;
  calendarMethod: string | null;
  calendar: string | null;
  status: string;
  attempts: number;
  lastError: string | null;
  sentAt: Date | null;
  createdAt: Date;
  coalescedCount: number;
};

const STATUS = {
  PENDING: { label: "Waiting", tone: "warning" },
  SENT: { label: "Sent", tone: "success" },
  STORED: { label: "Kept here (no mail server)", tone: "info" },
  FAILED: { label: "Failed", tone: "danger" },
} as const;

/** The secretariat's view of every email: who, what, status, and the message itself on demand. */
export function OutboxTable({ messages }: { messages: OutboxMessage[] }) {
  return (
    <div className={styles.outboxWrap}>
      <table className={`table ${styles.outboxTable}`} data-testid="outbox">
        <thead>
          <tr>
            <th scope="col">To</th>
            <th scope="col">Email</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {messages.map((message) => {
            const status = STATUS[message.status as keyof typeof STATUS] ?? { label: message.status, tone: "info" };
            return (
              <tr key={message.id} data-to={message.toAddress}>
                <td style={{ overflowWrap: "anywhere" }}>{message.toAddress}</td>
                <td>
                  <details>
                    <summary className={styles.outboxSubject}>
                      {message.subject}
                      {message.calendarMethod ? <span className="badge badge--info" style={{ marginLeft: 8 }}>Calendar {message.calendarMethod.toLowerCase()}</span> : null}
                    </summary>
                    <pre className={styles.outboxBody}>{message.textBody}</pre>
                    {message.calendar ? <pre className={styles.outboxBody}>{message.calendar}</pre> : null}
                  </details>
                  <span className="subtle">Produced {formatDateTime(message.createdAt)}</span>
                </td>
                <td>
                  <span className={`badge badge--${status.tone}`}>{status.label}</span>
                  {message.lastError && message.status !== "SENT" ? <div className="subtle" style={{ overflowWrap: "anywhere" }}>{message.lastError}</div> : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
