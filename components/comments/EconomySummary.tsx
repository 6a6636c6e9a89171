import { EconomyBadge } from "@/components/ui/EconomyBadge";
import type { ThreadCounts } from "@/lib/progress/find-thread-counts";

/** Where each economy stands on this document: its open, answered and resolved threads. */
export function EconomySummary({ summary }: { summary: ThreadCounts[] }) {
  return (
    <table className="economy-summary" data-testid="economy-summary">
      <caption className="visually-hidden">Comment threads per economy on this document</caption>
      <thead>
        <tr>
          <th scope="col">Economy</th>
          <th scope="col">Open</th>
          <th scope="col">Answered</th>
          <th scope="col">Resolved</th>
        </tr>
      </thead>
      <tbody>
        {summary.map((row) => (
          <tr key={row.organisationCode} data-economy={row.organisationCode}>
            <th scope="row">
              <EconomyBadge code={row.organisationCode} />
            </th>
            <td data-count="open" data-zero={row.open === 0 ? "true" : undefined}>{row.open}</td>
            <td data-count="answered" data-zero={row.answered === 0 ? "true" : undefined}>{row.answered}</td>
            <td data-count="resolved" data-zero={row.resolved === 0 ? "true" : undefined}>{row.resolved}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
