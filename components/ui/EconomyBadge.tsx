import type { CSSProperties } from "react";
import { getOrganisation } from "@/lib/organisations/catalogue";

/** An economy's or organisation's name with its colour swatch; Kosovo* carries its asterisk. */
export function EconomyBadge({ code, isShort = false }: { code: string; isShort?: boolean }) {
  const organisation = getOrganisation(code);
  const style = { "--economy-colour": `var(--economy-${organisation.code})` } as CSSProperties;
  return (
    <span className="badge badge--economy" style={style} data-economy={organisation.code}>
      <span className="badge__swatch" aria-hidden="true" />
      {isShort ? organisation.code : organisation.shortName}
    </span>
  );
}
