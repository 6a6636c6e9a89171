"use client";

import type { ActionState } from "@/lib/action-state";
import type { MeetingDetail } from "@/lib/meetings/get-meeting";
import { getOrganisation } from "@/lib/organisations/catalogue";
import { ATTENDANCE_LABEL } from "@/components/meetings/labels";
import { useFormAction } from "@/components/meetings/use-form-action";
import styles from "@/components/meetings/meetings.module.css";

/** One row of the secretariat's attendance register. */
export function RecordAttendanceForm({ meetingId, row, action }: {
  meetingId: string;
  row: MeetingDetail["attendance"][number];
  action: (state: ActionState, form: FormData) => Promise<ActionState>;
}) {
  const { state, isPending, formProps } = useFormAction(action);
  const name = getOrganisation(row.organisationCode).name;
  const errorId = `attendance-${row.organisationCode}-error`;
  return (
    <form {...formProps} className={styles.attendanceForm}>
      <input type="hidden" name="meetingId" value={meetingId} />
      <input type="hidden" name="organisationCode" value={row.organisationCode} />
      <select className="select" name="status" defaultValue={row.status} aria-label={`Attendance of ${name}`} aria-describedby={state.status === "error" ? errorId : undefined}>
        {(Object.keys(ATTENDANCE_LABEL) as (keyof typeof ATTENDANCE_LABEL)[]).map((status) => (
          <option key={status} value={status}>{ATTENDANCE_LABEL[status]}</option>
        ))}
      </select>
      <input className="input" name="participants" defaultValue={row.participants ?? ""} aria-label={`Participants from ${name}`} placeholder="Names" maxLength={500} />
      <button className="button button--small" type="submit" disabled={isPending}>{isPending ? "Saving…" : "Save"}</button>
      {state.status === "error" && <span id={errorId} className="field__error" role="alert" style={{ gridColumn: "1 / -1" }}>{state.message}</span>}
      {state.status === "success" && <span className="subtle" role="status" style={{ gridColumn: "1 / -1" }}>{state.message}</span>}
    </form>
  );
}
