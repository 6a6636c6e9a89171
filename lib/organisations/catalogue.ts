/**
 * The fixed membership of the working group. Kept in code (and mirrored into the Organisation
 * table by the migrations' seed) because the policy and the UI depend on it.
 */
export const KOSOVO_FOOTNOTE =
  "*This designation is without prejudice to positions on status, and is in line with UNSCR 1244/1999 and the ICJ Opinion on the Kosovo declaration of independence.";

export type OrganisationKind = "ECONOMY" | "OBSERVER" | "SECRETARIAT";

export type OrganisationEntry = {
  code: string;
  name: string;
  shortName: string;
  kind: OrganisationKind;
  sortOrder: number;
  /**
   * Colour used for carets, badges and charts; chosen to stay distinguishable in greyscale by lightness,
   * and dark enough that white caret labels on it reach 4.5:1 contrast (WCAG AA).
   */
  colour: string;
};

export const ORGANISATIONS: readonly OrganisationEntry[] = [
  { code: "AL", name: "Albania", shortName: "Albania", kind: "ECONOMY", sortOrder: 1, colour: "#c8102e" },
  { code: "BA", name: "Bosnia and Herzegovina", shortName: "Bosnia and Herzegovina", kind: "ECONOMY", sortOrder: 2, colour: "#1f3b8f" },
  { code: "XK", name: "Kosovo*", shortName: "Kosovo*", kind: "ECONOMY", sortOrder: 3, colour: "#2a7ab0" },
  { code: "ME", name: "Montenegro", shortName: "Montenegro", kind: "ECONOMY", sortOrder: 4, colour: "#8f6514" },
  { code: "MK", name: "North Macedonia", shortName: "North Macedonia", kind: "ECONOMY", sortOrder: 5, colour: "#b5461a" },
  { code: "RS", name: "Serbia", shortName: "Serbia", kind: "ECONOMY", sortOrder: 6, colour: "#6b2d5c" },
  { code: "EC", name: "European Commission", shortName: "EC", kind: "OBSERVER", sortOrder: 7, colour: "#003399" },
  { code: "CEFTA", name: "CEFTA Secretariat", shortName: "CEFTA", kind: "OBSERVER", sortOrder: 8, colour: "#2e6b3a" },
  { code: "RESPA", name: "Regional School of Public Administration", shortName: "ReSPA", kind: "OBSERVER", sortOrder: 9, colour: "#5b5b5b" },
  { code: "RCC", name: "Regional Cooperation Council Secretariat", shortName: "RCC", kind: "SECRETARIAT", sortOrder: 10, colour: "#0b5f6b" },
];

export const ECONOMY_CODES = ORGANISATIONS.filter((entry) => entry.kind === "ECONOMY").map((entry) => entry.code);

const BY_CODE = new Map(ORGANISATIONS.map((entry) => [entry.code, entry]));

/** The catalogue entry for a code; throws on an unknown code because codes come from the database. */
export function getOrganisation(code: string): OrganisationEntry {
  const entry = BY_CODE.get(code);
  if (!entry) throw new Error(`Unknown organisation code ${code}`);
  return entry;
}

export function isEconomy(code: string): boolean {
  return BY_CODE.get(code)?.kind === "ECONOMY";
}

/** Organisations a user of a role may belong to. */
export function organisationsForRole(role: "SECRETARIAT" | "DELEGATE" | "OBSERVER"): OrganisationEntry[] {
  const kind: OrganisationKind = role === "DELEGATE" ? "ECONOMY" : role === "OBSERVER" ? "OBSERVER" : "SECRETARIAT";
  return ORGANISATIONS.filter((entry) => entry.kind === kind);
}
