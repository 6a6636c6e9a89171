import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requireActorForPage } from "@/lib/auth/current";
import { findMeetingChoices } from "@/lib/meetings/find-choices";
import { DEFAULT_TIME_ZONE, timeZoneChoices } from "@/lib/meetings/time";
import { can } from "@/lib/policy";
import { PageHeader } from "@/components/ui/PageHeader";
import { MeetingForm } from "@/components/meetings/MeetingForm";
import { createMeetingAction } from "../actions";

export const metadata: Metadata = { title: "Schedule a meeting" };

export default async function NewMeetingPage() {
  const actor = await requireActorForPage();
  if (!can(actor, "meeting.create", null)) notFound();
  const { documents } = await findMeetingChoices({ actor });
  return (
    <>
      <PageHeader eyebrow="Meetings" title="Schedule a meeting" description="After scheduling, add the agenda items on the meeting's page." />
      <section className="card" style={{ maxWidth: 760 }}>
        <MeetingForm
          action={createMeetingAction}
          values={{ title: "", startsAt: "", endsAt: "", timeZone: DEFAULT_TIME_ZONE, format: "IN_PERSON", venue: "", onlineUrl: "", documentIds: [] }}
          timeZones={timeZoneChoices()}
          documents={documents}
          submitLabel="Schedule meeting"
          pendingLabel="Scheduling…"
        />
      </section>
    </>
  );
}
