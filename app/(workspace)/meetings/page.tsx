import type { Metadata } from "next";
import Link from "next/link";
import { requireActorForPage } from "@/lib/auth/current";
import { findMeetings } from "@/lib/meetings/find-meetings";
import { findCalendarSubscription } from "@/lib/meetings/find-calendar-subscription";
import { can } from "@/lib/policy";
import { PageHeader } from "@/components/ui/PageHeader";
import { EmptyState } from "@/components/ui/EmptyState";
import { MeetingList } from "@/components/meetings/MeetingList";
import { CalendarSubscription } from "@/components/meetings/CalendarSubscription";
import styles from "@/components/meetings/meetings.module.css";
import { createCalendarSubscriptionAction, revokeCalendarSubscriptionAction } from "./actions";

export const metadata: Metadata = { title: "Meetings" };

export default async function MeetingsPage() {
  const actor = await requireActorForPage();
  const [{ upcoming, past }, subscription] = await Promise.all([findMeetings({ actor }), findCalendarSubscription({ actor })]);
  const canSchedule = can(actor, "meeting.create", null);
  return (
    <>
      <PageHeader
        eyebrow="Working group"
        title="Meetings"
        description="Meetings of the working group: agendas, attendance, minutes, decisions and action items."
        actions={
          <>
            <Link className="button" href="/meetings/action-items">Action items</Link>
            {canSchedule && <Link className="button button--primary" href="/meetings/new">Schedule a meeting</Link>}
          </>
        }
      />
      <div className={styles.layout}>
        <div className={styles.main}>
          <section className="card" aria-labelledby="upcoming-heading">
            <h2 id="upcoming-heading">Upcoming</h2>
            {upcoming.length ? (
              <MeetingList meetings={upcoming} testId="upcoming-meetings" />
            ) : (
              <EmptyState title="No meeting is scheduled yet">
                <p>{canSchedule ? "Schedule the next meeting with the button above." : "The RCC secretariat will schedule the next meeting; it will appear here and in your calendar link."}</p>
              </EmptyState>
            )}
          </section>
          <section className="card" aria-labelledby="past-heading">
            <h2 id="past-heading">Past</h2>
            {past.length ? <MeetingList meetings={past} testId="past-meetings" /> : <EmptyState title="No meetings held yet" />}
          </section>
        </div>
        <aside className={styles.aside}>
          <section className="card" aria-labelledby="calendar-heading">
            <h2 id="calendar-heading">Your calendar</h2>
            <CalendarSubscription
              activeSince={subscription?.createdAt ?? null}
              createAction={createCalendarSubscriptionAction}
              revokeAction={revokeCalendarSubscriptionAction}
            />
          </section>
        </aside>
      </div>
    </>
  );
}
