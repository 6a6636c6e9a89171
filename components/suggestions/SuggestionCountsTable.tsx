import type { SuggestionCounts } from "@/lib/suggestions/count-suggestions";
import { EconomyBadge } from "@/components/ui/EconomyBadge";
import "@/components/suggestions/suggestions.css";

/** Suggestions in the MoU per economy: open, accepted, rejected, withdrawn. */
export function SuggestionCountsTable({ counts }: { counts: { byEconomy: SuggestionCounts[]; totals: Omit<SuggestionCounts, "organisationCode"> } }) {
  const columns = ["open", "accepted", "rejected", "withdrawn"] as const;
  return (
    <table className="table suggestion-counts" data-testid="suggestion-counts">
      <caption className="visually-hidden">Suggestions in the text of the MoU per economy, by outcome</caption>
      <thead>
        <tr>
          <th scope="col">Economy</th>
          {columns.map((column) => (
            <th scope="col" key={column} className="suggestion-counts__number">{column[0]!.toUpperCase() + column.slice(1)}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {counts.byEconomy.map((row) => (
          <tr key={row.organisationCode} data-economy={row.organisationCode}>
            <th scope="row"><EconomyBadge code={row.organisationCode} /></th>
            {columns.map((column) => (
              <td key={column} className="suggestion-counts__number" data-status={column}>{row[column]}</td>
            ))}
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row">All economies</th>
          {columns.map((column) => (
            <td key={column} className="suggestion-counts__number">{counts.totals[column]}</td>
          ))}
        </tr>
      </tfoot>
    </table>
  );
}
