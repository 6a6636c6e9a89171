import type { Metadata } from "next";
import { requireActorForPage } from "@/lib/auth/current";
import { findThreadCountsByEconomy } from "@/lib/progress/find-thread-counts";
import { PageHeader } from "@/components/ui/PageHeader";
import { EconomyBadge } from "@/components/ui/EconomyBadge";
import { KosovoFootnote } from "@/components/ui/KosovoFootnote";

export const metadata: Metadata = { title: "Progress" };

export default async function ProgressPage() {
  const actor = await requireActorForPage();
  const counts = await findThreadCountsByEconomy({ actor });
  return (
    <>
      <PageHeader eyebrow="Working group" title="Progress" description="Where each economy stands on the Memorandum of Understanding." />
      <section className="card" aria-labelledby="threads-heading">
        <h2 id="threads-heading">Comment threads per economy</h2>
        <table className="table" data-testid="thread-counts">
          <thead>
            <tr>
              <th scope="col">Economy</th>
              <th scope="col">Open</th>
              <th scope="col">Answered</th>
              <th scope="col">Resolved</th>
            </tr>
          </thead>
          <tbody>
            {counts.map((row) => (
              <tr key={row.organisationCode} data-economy={row.organisationCode}>
                <th scope="row"><EconomyBadge code={row.organisationCode} /></th>
                <td>{row.open}</td>
                <td>{row.answered}</td>
                <td>{row.resolved}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <KosovoFootnote />
      </section>
    </>
  );
}
