import type { ActionState } from "@/lib/action-state";
import type { MeetingDetail } from "@/lib/meetings/get-meeting";
import { EconomyBadge } from "@/components/ui/EconomyBadge";
import { ATTENDANCE_LABEL, ATTENDANCE_TONE } from "@/components/meetings/labels";
import { RecordAttendanceForm } from "@/components/meetings/RecordAttendanceForm";
import styles from "@/components/meetings/meetings.module.css";

/** Attendance per economy and observer organisation; the secretariat records it row by row. */
export function AttendanceTable({ meetingId, attendance, canRecord, recordAction }: {
  meetingId: string;
  attendance: MeetingDetail["attendance"];
  canRecord: boolean;
  recordAction: (state: ActionState, form: FormData) => Promise<ActionState>;
}) {
  return (
    <table className={`table table--stack ${styles.attendanceTable}`} data-testid="attendance">
      <thead>
        <tr>
          <th scope="col">Economy or organisation</th>
          <th scope="col">{canRecord ? "Record" : "Attendance"}</th>
        </tr>
      </thead>
      <tbody>
        {attendance.map((row) => (
          <tr key={row.organisationCode} data-organisation={row.organisationCode}>
            <td className={styles.attendanceName}>
              <EconomyBadge code={row.organisationCode} />
            </td>
            <td>
              {canRecord ? (
                <RecordAttendanceForm meetingId={meetingId} row={row} action={recordAction} />
              ) : (
                <div className="row" style={{ gap: 8 }}>
                  <span className={`badge ${ATTENDANCE_TONE[row.status]}`} data-testid="attendance-status">{ATTENDANCE_LABEL[row.status]}</span>
                  {row.participants && <span className="subtle">{row.participants}</span>}
                </div>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
