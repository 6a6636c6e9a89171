import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { z } from "zod";
import { requireActorForPage } from "@/lib/auth/current";
import { env } from "@/lib/env";
import { findOutbox } from "@/lib/notifications/find-outbox";
import { can } from "@/lib/policy";
import { PageHeader } from "@/components/ui/PageHeader";
import { EmptyState } from "@/components/ui/EmptyState";
import { OutboxTable } from "@/components/notifications/OutboxTable";

export const metadata: Metadata = { title: "Email outbox" };

const searchSchema = z.object({ page: z.coerce.number().int().min(1).max(10_000).catch(1).default(1) });

export default async function OutboxPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireActorForPage();
  const { page } = searchSchema.parse(await searchParams);
  if (!can(actor, "outbox.read", null)) notFound();
  const outbox = await findOutbox({ actor, page });
  const isStoreOnly = !env().SMTP_URL;
  const pages = Math.max(1, Math.ceil(outbox.total / outbox.pageSize));
  return (
    <>
      <PageHeader
        eyebrow="Notifications"
        title="Email outbox"
        description="Every email Accord produced: invitations, mentions, reminders and digests, with their delivery status."
      />
      {isStoreOnly && (
        <p className="alert alert--info" data-testid="outbox-store-only">
          No mail server is configured (SMTP_URL), so emails are kept here and not sent. Set SMTP_URL and MAIL_FROM to deliver them.
        </p>
      )}
      <section className="card" aria-labelledby="outbox-heading">
        <div className="card__title">
          <h2 id="outbox-heading">{outbox.total} {outbox.total === 1 ? "email" : "emails"}</h2>
          {pages > 1 && (
            <nav aria-label="Outbox pages" className="row">
              {page > 1 && <a className="button button--small" href={`?page=${page - 1}`}>Newer</a>}
              <span className="subtle">Page {page} of {pages}</span>
              {page < pages && <a className="button button--small" href={`?page=${page + 1}`}>Older</a>}
            </nav>
          )}
        </div>
        {outbox.messages.length === 0 ? (
          <EmptyState title="No emails yet">
            <p>Scheduling a meeting, mentioning someone or opening a sign-off round produces emails, which appear here.</p>
          </EmptyState>
        ) : (
          <OutboxTable messages={outbox.messages} />
        )}
      </section>
    </>
  );
}
