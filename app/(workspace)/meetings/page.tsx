import type { Metadata } from "next";
import { requireActorForPage } from "@/lib/auth/current";
import { findMeetings } from "@/lib/meetings/find-meetings";
import { PageHeader } from "@/components/ui/PageHeader";
import { EmptyState } from "@/components/ui/EmptyState";
import { formatDateTime } from "@/components/ui/dates";

export const metadata: Metadata = { title: "Meetings" };

const FORMAT_LABEL = { IN_PERSON: "In person", ONLINE: "Online", HYBRID: "Hybrid" } as const;

function MeetingList({ meetings }: { meetings: Awaited<ReturnType<typeof findMeetings>>["past"] }) {
  return (
    <ul className="list">
      {meetings.map((meeting) => (
        <li key={meeting.id} data-testid="meeting">
          <div className="stack" style={{ gap: 2 }}>
            <strong>{meeting.title}</strong>
            <span className="subtle">
              {formatDateTime(meeting.startsAt)} · {FORMAT_LABEL[meeting.format]}
              {meeting.venue ? ` · ${meeting.venue}` : ""}
            </span>
          </div>
          {meeting.status === "CANCELLED" ? <span className="badge badge--danger">Cancelled</span> : null}
        </li>
      ))}
    </ul>
  );
}

export default async function MeetingsPage() {
  const actor = await requireActorForPage();
  const { upcoming, past } = await findMeetings({ actor });
  return (
    <>
      <PageHeader eyebrow="Working group" title="Meetings" description="Meetings of the working group, their agendas and minutes." />
      <section className="card" aria-labelledby="upcoming-heading">
        <h2 id="upcoming-heading">Upcoming</h2>
        {upcoming.length ? <MeetingList meetings={upcoming} /> : <EmptyState title="No meeting is scheduled yet" />}
      </section>
      <section className="card" aria-labelledby="past-heading">
        <h2 id="past-heading">Past</h2>
        {past.length ? <MeetingList meetings={past} /> : <EmptyState title="No meetings held yet" />}
      </section>
    </>
  );
}
