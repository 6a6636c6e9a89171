import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireActorForPage } from "@/lib/auth/current";
import { AppError } from "@/lib/errors";
import { getMeeting } from "@/lib/meetings/get-meeting";
import { findMeetingChoices } from "@/lib/meetings/find-choices";
import { describeMeetingTime } from "@/lib/meetings/describe-time";
import { getOrganisation, isEconomy } from "@/lib/organisations/catalogue";
import { PageHeader } from "@/components/ui/PageHeader";
import { EmptyState } from "@/components/ui/EmptyState";
import { KosovoFootnote } from "@/components/ui/KosovoFootnote";
import { formatDateTime } from "@/components/ui/dates";
import { AgendaEditor } from "@/components/meetings/AgendaEditor";
import { AgendaItemForm } from "@/components/meetings/AgendaItemForm";
import { LocalTime } from "@/components/meetings/LocalTime";
import { JoinLink } from "@/components/meetings/JoinLink";
import { AttendanceTable } from "@/components/meetings/AttendanceTable";
import { ConfirmAttendanceForm } from "@/components/meetings/ConfirmAttendanceForm";
import { MeetingHistory } from "@/components/meetings/MeetingHistory";
import { MinutesSection } from "@/components/meetings/MinutesSection";
import { FORMAT_LABEL } from "@/components/meetings/labels";
import styles from "@/components/meetings/meetings.module.css";
import {
  addActionItemAction,
  addAgendaItemAction,
  addDecisionAction,
  approveMinutesAction,
  circulateMinutesAction,
  confirmAttendanceAction,
  recordAttendanceAction,
  removeActionItemAction,
  removeAgendaItemAction,
  updateAgendaItemAction,
  removeDecisionAction,
  reorderAgendaAction,
  setActionItemStatusAction,
  startMinutesAction,
} from "../actions";

export const metadata: Metadata = { title: "Meeting" };

export default async function MeetingPage({ params }: { params: Promise<{ meetingId: string }> }) {
  const actor = await requireActorForPage();
  const { meetingId } = await params;
  const meeting = await getMeeting({ actor, meetingId }).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "NOT_FOUND") notFound();
    throw error;
  });
  const { abilities } = meeting;
  const choices = abilities.canEdit || abilities.canEditMinutes ? await findMeetingChoices({ actor }) : { people: [], documents: [] };
  const isCancelled = meeting.status === "CANCELLED";
  const cancellation = meeting.history.findLast((entry) => entry.action === "meeting.cancelled");
  const ownAttendance = meeting.attendance.find((row) => row.organisationCode === actor.organisationCode);

  return (
    <>
      <PageHeader
        eyebrow={isCancelled ? "Cancelled meeting" : meeting.endsAt < new Date() ? "Past meeting" : "Upcoming meeting"}
        title={meeting.title}
        actions={
          <>
            <a className="button" href={`/api/meetings/${meeting.id}/ics`} download data-testid="download-ics">Add to calendar (.ics)</a>
            {abilities.canEdit && <Link className="button button--primary" href={`/meetings/${meeting.id}/edit`}>Change or reschedule</Link>}
          </>
        }
      />
      {isCancelled && (
        <div className="alert alert--error" role="status" style={{ marginBottom: "var(--space-4)" }} data-testid="cancelled-notice">
          This meeting was cancelled{cancellation ? ` on ${formatDateTime(cancellation.at)} by ${cancellation.actorName}` : ""}.
          {cancellation?.reason ? ` Reason: ${cancellation.reason}` : ""}
        </div>
      )}
      <div className={styles.layout}>
        <div className={styles.main}>
          <section className="card" aria-labelledby="agenda-heading">
            <div className="card__title">
              <h2 id="agenda-heading">Agenda</h2>
            </div>
            {meeting.agendaItems.length ? (
              <AgendaEditor
                meetingId={meeting.id}
                canEdit={abilities.canEdit}
                reorderAction={reorderAgendaAction}
                removeAction={removeAgendaItemAction}
                editing={abilities.canEdit ? { action: updateAgendaItemAction, choices, documents: choices.documents } : undefined}
                items={meeting.agendaItems.map((item) => ({
                  id: item.id,
                  title: item.title,
                  durationMinutes: item.durationMinutes,
                  presenterName: item.presenterUser?.name ?? null,
                  presenterOrganisationCode: item.presenterOrganisationCode ?? item.presenterUser?.organisationCode ?? null,
                  presenter: item.presenterUser
                    ? { value: `user:${item.presenterUser.id}`, label: item.presenterUser.name }
                    : item.presenterOrganisationCode
                      ? { value: `organisation:${item.presenterOrganisationCode}`, label: getOrganisation(item.presenterOrganisationCode).name }
                      : null,
                  document: item.document,
                }))}
              />
            ) : (
              <EmptyState title="No agenda yet">
                <p>{abilities.canEdit ? "Add the first item below." : "The secretariat will publish the agenda here."}</p>
              </EmptyState>
            )}
            {abilities.canEdit && (
              <div className={styles.addForm}>
                <h3>Add an agenda item</h3>
                <AgendaItemForm meetingId={meeting.id} action={addAgendaItemAction} choices={choices} documents={choices.documents} />
              </div>
            )}
          </section>

          <section className="card" aria-labelledby="attendance-heading">
            <h2 id="attendance-heading">Attendance</h2>
            <AttendanceTable meetingId={meeting.id} attendance={meeting.attendance} canRecord={abilities.canRecordAttendance} recordAction={recordAttendanceAction} />
            <KosovoFootnote />
          </section>

          {!isCancelled && (
            <MinutesSection
              meeting={meeting}
              choices={choices}
              actions={{
                start: startMinutesAction,
                circulate: circulateMinutesAction,
                approve: approveMinutesAction,
                addDecision: addDecisionAction,
                removeDecision: removeDecisionAction,
                addActionItem: addActionItemAction,
                removeActionItem: removeActionItemAction,
                setActionItemStatus: setActionItemStatusAction,
              }}
            />
          )}
        </div>

        <aside className={styles.aside}>
          <section className="card" aria-labelledby="when-heading">
            <h2 id="when-heading">When and where</h2>
            <dl className={styles.facts}>
              <dt>When</dt>
              <dd data-testid="meeting-time">
                {describeMeetingTime(meeting)}
                <LocalTime className={styles.localTime} startsAt={meeting.startsAt} endsAt={meeting.endsAt} meetingTimeZone={meeting.timeZone} />
              </dd>
              <dt>Format</dt>
              <dd>{FORMAT_LABEL[meeting.format]}</dd>
              {meeting.venue && (
                <>
                  <dt>Venue</dt>
                  <dd>{meeting.venue}</dd>
                </>
              )}
              {meeting.onlineUrl && (
                <>
                  <dt>Join</dt>
                  <dd><JoinLink url={meeting.onlineUrl} /></dd>
                </>
              )}
              <dt>Documents</dt>
              <dd>
                {meeting.documents.length ? (
                  <ul className="stack" style={{ gap: 4, margin: 0, paddingLeft: 18 }}>
                    {meeting.documents.map((document) => (
                      <li key={document.id}><Link href={`/documents/${document.id}`}>{document.title}</Link></li>
                    ))}
                  </ul>
                ) : (
                  <span className="subtle">None linked</span>
                )}
              </dd>
            </dl>
          </section>

          {abilities.canConfirmAttendance && ownAttendance && (
            <section className="card" aria-labelledby="participation-heading">
              <h2 id="participation-heading">{isEconomy(actor.organisationCode) ? "Your economy’s participation" : "Your organisation’s participation"}</h2>
              <ConfirmAttendanceForm
                meetingId={meeting.id}
                economyName={getOrganisation(actor.organisationCode).name}
                currentStatus={ownAttendance.status}
                participants={ownAttendance.participants}
                action={confirmAttendanceAction}
              />
            </section>
          )}


          <section className="card" aria-labelledby="history-heading">
            <h2 id="history-heading">History</h2>
            <MeetingHistory history={meeting.history} />
          </section>
        </aside>
      </div>
    </>
  );
}
