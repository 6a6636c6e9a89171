import type { Metadata } from "next";
import Link from "next/link";
import { requireActorForPage } from "@/lib/auth/current";
import { findNotifications } from "@/lib/notifications/find-notifications";
import { findNotificationPreferences } from "@/lib/notifications/preferences";
import { can } from "@/lib/policy";
import { PageHeader } from "@/components/ui/PageHeader";
import { EmptyState } from "@/components/ui/EmptyState";
import { MarkAllReadButton } from "@/components/notifications/MarkAllReadButton";
import { NotificationList } from "@/components/notifications/NotificationList";
import { PreferencesForm } from "@/components/notifications/PreferencesForm";
import { markAllReadAction, openNotificationAction, setPreferenceAction } from "./actions";

export const metadata: Metadata = { title: "Notifications" };

export default async function NotificationsPage() {
  const actor = await requireActorForPage();
  const [{ items, unread }, preferences] = await Promise.all([findNotifications({ actor }), findNotificationPreferences({ actor })]);
  return (
    <>
      <PageHeader
        eyebrow="You"
        title="Notifications"
        description="What needs you in the working group: mentions, replies, invitations, sign-off rounds and deadlines."
        actions={can(actor, "outbox.read", null) ? <Link className="button" href="/notifications/outbox">Email outbox</Link> : undefined}
      />
      <section className="card" aria-labelledby="notifications-heading">
        <div className="card__title">
          <h2 id="notifications-heading">{unread === 0 ? "All caught up" : `${unread} unread`}</h2>
          {unread > 0 && (
            <MarkAllReadButton action={markAllReadAction} />
          )}
        </div>
        {items.length === 0 ? (
          <EmptyState title="Nothing yet">
            <p>When someone mentions you, replies to you, or the secretariat schedules a meeting or opens a sign-off round, it appears here.</p>
          </EmptyState>
        ) : (
          <NotificationList items={items} openAction={openNotificationAction} />
        )}
      </section>
      <section className="card" aria-labelledby="preferences-heading" id="preferences">
        <div className="card__title">
          <h2 id="preferences-heading">Email settings</h2>
        </div>
        <p className="subtle">
          Emails go to {actor.email}. &ldquo;Daily digest&rdquo; collects them into one email each morning; &ldquo;Off&rdquo; sends nothing and leaves nothing under the bell.
        </p>
        <PreferencesForm preferences={preferences} action={setPreferenceAction} />
      </section>
    </>
  );
}
