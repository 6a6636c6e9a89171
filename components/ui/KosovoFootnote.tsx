import { KOSOVO_FOOTNOTE } from "@/lib/organisations/catalogue";

/** The standard footnote, shown wherever economies are listed. */
export function KosovoFootnote() {
  return <p className="footnote">{KOSOVO_FOOTNOTE}</p>;
}
