import { ORGANISATIONS } from "@/lib/organisations/catalogue";

/** The six economies, in the catalogue's order. */
export const ECONOMIES = ORGANISATIONS.filter((organisation) => organisation.kind === "ECONOMY").map((organisation) => organisation.code);
