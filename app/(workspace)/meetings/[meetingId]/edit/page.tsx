import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireActorForPage } from "@/lib/auth/current";
import { AppError } from "@/lib/errors";
import { getMeeting } from "@/lib/meetings/get-meeting";
import { findMeetingChoices } from "@/lib/meetings/find-choices";
import { localFromInstant, timeZoneChoices } from "@/lib/meetings/time";
import { PageHeader } from "@/components/ui/PageHeader";
import { MeetingForm } from "@/components/meetings/MeetingForm";
import { CancelMeetingForm } from "@/components/meetings/CancelMeetingForm";
import styles from "@/components/meetings/meetings.module.css";
import { cancelMeetingAction, updateMeetingAction } from "../../actions";

export const metadata: Metadata = { title: "Change meeting" };

export default async function EditMeetingPage({ params }: { params: Promise<{ meetingId: string }> }) {
  const actor = await requireActorForPage();
  const { meetingId } = await params;
  const meeting = await getMeeting({ actor, meetingId }).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "NOT_FOUND") notFound();
    throw error;
  });
  if (!meeting.abilities.canEdit) notFound();
  const { documents } = await findMeetingChoices({ actor });
  return (
    <>
      <PageHeader
        eyebrow="Change or reschedule"
        title={meeting.title}
        description="Calendars that imported or subscribe to this meeting update in place when you save."
        actions={<Link className="button" href={`/meetings/${meeting.id}`}>Back to the meeting</Link>}
      />
      <div className={styles.layout}>
        <section className="card" aria-label="Meeting details">
          <MeetingForm
            action={updateMeetingAction}
            values={{
              meetingId: meeting.id,
              title: meeting.title,
              startsAt: localFromInstant(meeting.startsAt, meeting.timeZone),
              endsAt: localFromInstant(meeting.endsAt, meeting.timeZone),
              timeZone: meeting.timeZone,
              format: meeting.format,
              venue: meeting.venue ?? "",
              onlineUrl: meeting.onlineUrl ?? "",
              documentIds: meeting.documents.map((document) => document.id),
            }}
            timeZones={timeZoneChoices()}
            documents={documents}
            submitLabel="Save changes"
            pendingLabel="Saving…"
          />
        </section>
        {meeting.abilities.canCancel && (
          <section className={`card ${styles.dangerZone}`} aria-labelledby="cancel-heading">
            <h2 id="cancel-heading">Cancel the meeting</h2>
            <p className="muted">The meeting stays listed as cancelled, with your reason, and disappears from everyone&apos;s calendar.</p>
            <CancelMeetingForm meetingId={meeting.id} action={cancelMeetingAction} />
          </section>
        )}
      </div>
    </>
  );
}
