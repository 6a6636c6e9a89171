import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { requireActorForPage } from "@/lib/auth/current";
import { env } from "@/lib/env";
import { findOutbox } from "@/lib/notifications/find-outbox";
import { can } from "@/lib/policy";
import { PageHeader } from "@/components/ui/PageHeader";
import { EmptyState } from "@/components/ui/EmptyState";
import { OutboxTable } from "@/components/notifications/OutboxTable";
import styles from "@/components/notifications/notifications.module.css";

export const metadata: Metadata = { title: "Email outbox" };

const searchSchema = z.object({
  page: z.coerce.number().int().min(1).max(10_000).catch(1).default(1),
  // Part of an address: "ec@", "montenegro", a whole address.
  to: z.string().trim().max(320).catch("").default("").transform((value) => value || undefined),
});

function pageHref(page: number, to: string | undefined): string {
  const query = new URLSearchParams({ page: String(page) });
  if (to) query.set("to", to);
  return `?${query.toString()}`;
}

export default async function OutboxPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireActorForPage();
  const { page, to } = searchSchema.parse(await searchParams);
  if (!can(actor, "outbox.read", null)) notFound();
  const outbox = await findOutbox({ actor, page, recipient: to });
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
          <h2 id="outbox-heading">
            {outbox.total} {outbox.total === 1 ? "email" : "emails"}
            {to && <> to addresses containing “{to}”</>}
          </h2>
          {pages > 1 && (
            <nav aria-label="Outbox pages" className="row">
              {page > 1 && <a className="button button--small" href={pageHref(page - 1, to)}>Newer</a>}
              <span className="subtle">Page {page} of {pages}</span>
              {page < pages && <a className="button button--small" href={pageHref(page + 1, to)}>Older</a>}
            </nav>
          )}
        </div>
        <form className={styles.outboxFilter} method="get" action="/notifications/outbox" role="search" aria-label="Find emails by recipient">
          <div className="field">
            <label htmlFor="outbox-to">Recipient</label>
            <input className="input" id="outbox-to" name="to" type="search" defaultValue={to ?? ""} placeholder="ec@, montenegro, a whole address" />
          </div>
          <button className="button" type="submit">Find</button>
          {to && <Link className="button button--ghost" href="/notifications/outbox">Show all emails</Link>}
        </form>
        {outbox.messages.length === 0 ? (
          to ? (
            <EmptyState title="No emails to that recipient">
              <p>No email went to an address containing “{to}”. Check the spelling, or show all emails.</p>
            </EmptyState>
          ) : (
            <EmptyState title="No emails yet">
              <p>Scheduling a meeting, mentioning someone or opening a sign-off round produces emails, which appear here.</p>
            </EmptyState>
          )
        ) : (
          <OutboxTable messages={outbox.messages} />
        )}
      </section>
    </>
  );
}
